package dev.cognitocreds.client.setup;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}'s look at a profile that signs in through the browser: does the domain (or the
 * OIDC provider's discovery document) answer, and is the redirect URI's port free for the listener.
 */
final class BrowserSignInCheck {
  private static final String DEFAULT_REDIRECT = "http://127.0.0.1:41739/callback";

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Nothing for a profile without browser keys. */
  List<Check> run(String profile, Map<String, String> keys) {
    List<Check> checks = new ArrayList<>();
    String domain = keys.get("cognito_domain");
    String issuer = keys.get("cognito_oidc_issuer");
    if (domain == null && issuer == null) {
      return checks;
    }
    String fix = "cognito-creds configure profile --profile " + profile + " --domain URL";
    if (domain != null) {
      checks.add(answers("domain (" + profile + ")", base(domain) + "/oauth2/authorize", fix));
    }
    if (issuer != null) {
      checks.add(
          answers(
              "OIDC provider (" + profile + ")",
              base(issuer) + "/.well-known/openid-configuration",
              "check cognito_oidc_issuer of profile " + profile));
    }
    checks.add(portFree(profile, keys.getOrDefault("cognito_redirect_uri", DEFAULT_REDIRECT)));
    return checks;
  }

  private Check answers(String name, String address, String fix) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 500) {
        return Check.fail(name, address + " answers " + response.statusCode(), fix);
      }
      return Check.ok(name, address + " answers (" + response.statusCode() + ")");
    } catch (IOException | IllegalArgumentException e) {
      return Check.fail(
          name, address + " does not answer (" + e.getClass().getSimpleName() + ")", fix);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Check.fail(name, "interrupted", fix);
    }
  }

  private static Check portFree(String profile, String redirectUri) {
    String name = "redirect URI (" + profile + ")";
    int port;
    try {
      port = URI.create(redirectUri).getPort();
    } catch (IllegalArgumentException e) {
      return Check.fail(name, "'" + redirectUri + "' is not a URL", "fix cognito_redirect_uri");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return Check.ok(name, "port " + port + " of " + redirectUri + " is free for login --browser");
    } catch (BindException e) {
      return Check.warn(
          name,
          "port "
              + port
              + " is in use: login --browser cannot listen on "
              + redirectUri
              + " (cognito_redirect_uri)",
          "end the program that holds port " + port + " before signing in");
    } catch (IOException e) {
      return Check.warn(name, "cannot try port " + port + ": " + e.getMessage(), null);
    }
  }

  private static String base(String address) {
    String text = address.contains("://") ? address : "https://" + address;
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}

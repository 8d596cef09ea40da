package dev.cognitocreds.daemon.auth.browser;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.json.JsonTree;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The daemon's calls to OAuth endpoints (token, revocation, discovery, JWKS). Messages name the
 * endpoint and the provider's {@code error}, never a request or response body: both carry codes and
 * tokens.
 */
final class OAuthHttp {

  /** A refusal of an OAuth endpoint: RFC 6749's {@code error} and {@code error_description}. */
  static final class Refused extends RuntimeException {
    private final String error;

    Refused(String error, String description) {
      super(description, null, false, false);
      this.error = error;
    }

    String error() {
      return error;
    }
  }

  /**
   * A token endpoint's answer: its JSON object and its {@code Date} header, which tells how far
   * this machine's clock is from the issuer's.
   */
  record Answer(Map<String, Object> body, Optional<String> date) {}

  /** Built on first use: a daemon nobody signs in to through the browser never loads it. */
  private volatile HttpClient http;

  /**
   * POSTs a form; {@code clientSecret} (may be null) goes in HTTP Basic, as Cognito's token
   * endpoint wants it for app clients with a secret.
   */
  Answer postForm(URI endpoint, Map<String, String> form, String clientId, String clientSecret) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) -> {
          if (value != null) {
            body.add(encode(name) + "=" + encode(value));
          }
        });
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (clientSecret != null) {
      String basic = encode(clientId) + ":" + encode(clientSecret);
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> response = send(endpoint, request.build());
    if (response.statusCode() == 200) {
      return new Answer(
          response.body().length == 0 ? Map.of() : object(endpoint, response.body()),
          response.headers().firstValue("Date"));
    }
    if (response.statusCode() >= 500) {
      throw unavailable(endpoint, "answered " + response.statusCode());
    }
    Map<String, Object> error;
    try {
      error = JsonTree.object(response.body());
    } catch (IOException | RuntimeException e) {
      error = Map.of();
    }
    throw new Refused(
        String.valueOf(error.getOrDefault("error", "http_" + response.statusCode())),
        String.valueOf(error.getOrDefault("error_description", "")));
  }

  Map<String, Object> getJson(URI endpoint) {
    HttpResponse<byte[]> response =
        send(
            endpoint,
            HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .build());
    if (response.statusCode() != 200) {
      throw unavailable(endpoint, "answered " + response.statusCode());
    }
    return object(endpoint, response.body());
  }

  String getText(URI endpoint) {
    HttpResponse<byte[]> response =
        send(endpoint, HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20)).build());
    if (response.statusCode() != 200) {
      throw unavailable(endpoint, "answered " + response.statusCode());
    }
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> send(URI endpoint, HttpRequest request) {
    try {
      return client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw unavailable(endpoint, "cannot be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(endpoint, "did not answer: interrupted");
    }
  }

  private HttpClient client() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
        }
        client = http;
      }
    }
    return client;
  }

  private static Map<String, Object> object(URI endpoint, byte[] body) {
    try {
      return JsonTree.object(body);
    } catch (IOException | RuntimeException e) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          endpoint(endpoint) + " answered something that is not a JSON object");
    }
  }

  private static Failure unavailable(URI endpoint, String what) {
    return new Failure(
        Failure.Kind.UPSTREAM_UNAVAILABLE, "UpstreamUnavailable", endpoint(endpoint) + " " + what);
  }

  /** The endpoint without any query: safe to show. */
  static String endpoint(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

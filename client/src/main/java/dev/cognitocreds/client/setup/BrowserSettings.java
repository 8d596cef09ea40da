package dev.cognitocreds.client.setup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a browser sign-in, checked before anything is written: {@code cognito_domain}, {@code
 * cognito_redirect_uri}, {@code cognito_identity_provider}, {@code cognito_login}, and for an
 * identity pool trusting an OIDC provider directly {@code cognito_oidc_issuer} and {@code
 * cognito_oidc_client_id}. In the onboarding file: {@code domain}, {@code redirectUri}, {@code
 * identityProvider}, {@code login}, {@code oidcIssuer}, {@code oidcClientId}.
 */
record BrowserSettings(
    String domain,
    String redirectUri,
    String identityProvider,
    String login,
    String oidcIssuer,
    String oidcClientId) {

  static final BrowserSettings NONE = new BrowserSettings(null, null, null, null, null, null);

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

  BrowserSettings {
    if (domain != null) {
      checkWebAddress("--domain", domain);
    }
    if (oidcIssuer != null) {
      checkWebAddress("--oidc-issuer", oidcIssuer);
      if (oidcClientId == null || oidcClientId.isBlank()) {
        throw SetupException.usage(
            "--oidc-issuer needs --oidc-client-id (the client registered at that provider)");
      }
    }
    if (redirectUri != null) {
      checkRedirect(redirectUri);
    }
    if (login != null && !Set.of("browser", "password").contains(login)) {
      throw SetupException.usage("--login must be browser or password, not " + login);
    }
    if ("browser".equals(login) && domain == null && oidcIssuer == null) {
      throw SetupException.usage("--login browser needs --domain (the user pool's domain)");
    }
  }

  /** The onboarding file's browser keys (the rest of the file is {@link Onboarding}'s). */
  static BrowserSettings read(Path file) {
    if (file == null) {
      return NONE;
    }
    try {
      BrowserSettings settings = JSON.readValue(Files.readAllBytes(file), BrowserSettings.class);
      return settings == null ? NONE : settings;
    } catch (IOException e) {
      // Onboarding.read has already said what is wrong with the file
      return NONE;
    }
  }

  /** Flags win over the file, key by key. */
  BrowserSettings orElse(BrowserSettings file) {
    return new BrowserSettings(
        pick(domain, file.domain),
        pick(redirectUri, file.redirectUri),
        pick(identityProvider, file.identityProvider),
        pick(login, file.login),
        pick(oidcIssuer, file.oidcIssuer),
        pick(oidcClientId, file.oidcClientId));
  }

  /** A profile of an identity pool that trusts the OIDC provider directly: no user pool keys. */
  boolean oidcOnly() {
    return oidcIssuer != null;
  }

  Map<String, String> configKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    put(keys, "cognito_oidc_issuer", oidcIssuer);
    put(keys, "cognito_oidc_client_id", oidcClientId);
    put(keys, "cognito_domain", domain);
    put(keys, "cognito_redirect_uri", redirectUri);
    put(keys, "cognito_identity_provider", identityProvider);
    put(keys, "cognito_login", login);
    return keys;
  }

  private static void put(Map<String, String> keys, String key, String value) {
    if (value != null) {
      keys.put(key, value);
    }
  }

  private static String pick(String flag, String fromFile) {
    return flag != null ? flag : fromFile;
  }

  private static void checkWebAddress(String name, String value) {
    try {
      URI uri = new URI(value.contains("://") ? value : "https://" + value);
      boolean secure = "https".equals(uri.getScheme());
      boolean local = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
      if ((secure || local) && uri.getHost() != null && uri.getRawQuery() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw SetupException.usage(
        name
            + " must be an https address like https://acme.auth.us-east-2.amazoncognito.com, not '"
            + value
            + "'");
  }

  private static void checkRedirect(String value) {
    try {
      URI uri = new URI(value);
      if ("http".equals(uri.getScheme())
          && "127.0.0.1".equals(uri.getHost())
          && uri.getPort() > 0
          && uri.getRawQuery() == null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw SetupException.usage(
        "--redirect-uri must be a loopback address with a port like"
            + " http://127.0.0.1:41739/callback, not '"
            + value
            + "'");
  }
}

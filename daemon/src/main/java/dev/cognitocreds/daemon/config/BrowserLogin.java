package dev.cognitocreds.daemon.config;

import java.net.URI;
import java.util.Optional;

/**
 * A profile's settings for signing in through the browser: the user pool's hosted UI ({@code
 * cognito_domain}) or an OIDC provider the identity pool trusts directly ({@code
 * cognito_oidc_issuer}, {@code cognito_oidc_client_id}), the loopback {@code cognito_redirect_uri},
 * an optional {@code cognito_identity_provider}, and {@code cognito_login = browser}.
 */
public record BrowserLogin(
    Optional<URI> domain,
    URI redirectUri,
    Optional<String> identityProvider,
    boolean byDefault,
    Optional<URI> oidcIssuer,
    Optional<String> oidcClientId) {

  public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1:41739/callback");

  public static BrowserLogin none() {
    return new BrowserLogin(
        Optional.empty(),
        DEFAULT_REDIRECT_URI,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** True when this profile can sign in through the browser at all. */
  public boolean available() {
    return domain.isPresent() || oidcIssuer.isPresent();
  }

  /**
   * The identity pool's {@code Logins} key for the OIDC issuer: its host (and port) and path,
   * without the scheme, as IAM names OIDC providers.
   */
  public Optional<String> oidcLoginsKey() {
    return oidcIssuer.map(
        issuer -> {
          String key = issuer.getAuthority() + (issuer.getPath() == null ? "" : issuer.getPath());
          return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        });
  }
}

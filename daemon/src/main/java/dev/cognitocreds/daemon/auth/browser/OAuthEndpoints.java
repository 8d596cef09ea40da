package dev.cognitocreds.daemon.auth.browser;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a profile's browser sign-in happens and whose tokens it gets: the user pool's hosted UI
 * ({@code <cognito_domain>/oauth2/…}, tokens issued by the user pool, keys from its JWKS) or an
 * OIDC provider found through its discovery document.
 */
record OAuthEndpoints(
    URI authorize, URI token, Optional<URI> revoke, URI jwks, String issuer, String clientId) {

  static OAuthEndpoints of(CognitoProfile profile, OAuthHttp http) {
    if (profile.oidcOnly()) {
      return discovered(profile, http);
    }
    URI domain =
        profile
            .browser()
            .domain()
            .orElseThrow(
                () ->
                    Failure.notConfigured(
                        profile.name(),
                        "cognito_domain",
                        "(the user pool's hosted UI domain)",
                        "--domain URL",
                        ""));
    String site = domain.toString();
    // a local Cognito (cognito_endpoint_url) serves the pool's keys itself
    String keys =
        profile
                .endpointUrl()
                .map(URI::toString)
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElse("https://cognito-idp." + profile.userPoolRegion() + ".amazonaws.com")
            + "/"
            + profile.userPoolId()
            + "/.well-known/jwks.json";
    return new OAuthEndpoints(
        URI.create(site + "/oauth2/authorize"),
        URI.create(site + "/oauth2/token"),
        Optional.of(URI.create(site + "/oauth2/revoke")),
        URI.create(keys),
        profile.userPoolIssuer(),
        profile.clientId());
  }

  private static OAuthEndpoints discovered(CognitoProfile profile, OAuthHttp http) {
    URI issuer = profile.browser().oidcIssuer().orElseThrow();
    Map<String, Object> document =
        http.getJson(URI.create(issuer + "/.well-known/openid-configuration"));
    String declared = String.valueOf(document.get("issuer"));
    if (!declared.equals(issuer.toString())) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          "the OpenID configuration of "
              + issuer
              + " names another issuer ("
              + declared
              + "): check cognito_oidc_issuer");
    }
    return new OAuthEndpoints(
        required(document, "authorization_endpoint", issuer),
        required(document, "token_endpoint", issuer),
        Optional.ofNullable(document.get("revocation_endpoint"))
            .map(String::valueOf)
            .map(URI::create),
        required(document, "jwks_uri", issuer),
        declared,
        profile.clientId());
  }

  private static URI required(Map<String, Object> document, String member, URI issuer) {
    Object value = document.get(member);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          "the OpenID configuration of " + issuer + " has no " + member);
    }
    return URI.create(text);
  }
}

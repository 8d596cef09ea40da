package dev.cognitocreds.localcognito.hostedui;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.oauth.Html;
import dev.cognitocreds.localcognito.oauth.OAuthError;
import dev.cognitocreds.localcognito.userpool.HostedUiDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The pool's side of a sign-in through an external OIDC provider: the redirect to its authorization
 * endpoint, and at {@code idpresponse} the code exchange and the checks of its ID token (signature
 * from its JWKS, issuer, audience, expiry, nonce) before a pool user is made of it.
 */
final class FederatedSignIns {

  /** The claims of the provider's verified ID token. */
  record Identity(String sub, Map<String, Object> claims) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Clock clock;
  private final Supplier<String> base;

  /** {@code base}: local-cognito's own address, for a seed's issuer written as a path. */
  FederatedSignIns(Clock clock, Supplier<String> base) {
    this.clock = clock;
    this.base = base;
  }

  /** The provider's authorization URL for this round trip. */
  String authorizeUrl(
      HostedUiDirectory.Provider provider, String idpResponse, String state, String nonce) {
    JsonNode discovery = discovery(provider);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", provider.details().get("client_id"));
    parameters.put("redirect_uri", idpResponse);
    parameters.put("scope", provider.details().get("authorize_scopes"));
    parameters.put("state", state);
    parameters.put("nonce", nonce);
    return Html.withQuery(discovery.path("authorization_endpoint").asText(), parameters);
  }

  /** Exchanges the provider's code and returns its verified identity. */
  Identity exchange(
      HostedUiDirectory.Provider provider, String code, String idpResponse, String nonce) {
    JsonNode discovery = discovery(provider);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", idpResponse);
    form.put("client_id", provider.details().get("client_id"));
    if (provider.details().containsKey("client_secret")) {
      form.put("client_secret", provider.details().get("client_secret"));
    }
    JsonNode tokens = post(discovery.path("token_endpoint").asText(), form);
    String idToken = tokens.path("id_token").asText(null);
    if (idToken == null) {
      throw new OAuthError(
          "invalid_request", "The identity provider answered without an ID token.");
    }
    return verify(provider, discovery, idToken, nonce);
  }

  private Identity verify(
      HostedUiDirectory.Provider provider, JsonNode discovery, String idToken, String nonce) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      JWKSet keys = JWKSet.parse(get(discovery.path("jwks_uri").asText()));
      JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null || !jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
        throw invalidToken("signature");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!issuer(provider).equals(claims.getIssuer())) {
        throw invalidToken("issuer");
      }
      if (claims.getAudience() == null
          || !claims.getAudience().contains(provider.details().get("client_id"))) {
        throw invalidToken("audience");
      }
      if (claims.getExpirationTime() == null
          || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
        throw invalidToken("expiry");
      }
      if (!nonce.equals(claims.getStringClaim("nonce"))) {
        throw invalidToken("nonce");
      }
      return new Identity(claims.getSubject(), claims.getClaims());
    } catch (ParseException | JOSEException e) {
      throw invalidToken("format");
    }
  }

  private JsonNode discovery(HostedUiDirectory.Provider provider) {
    try {
      return Json.MAPPER.readTree(get(issuer(provider) + "/.well-known/openid-configuration"));
    } catch (IOException e) {
      throw new OAuthError("invalid_request", "The identity provider's discovery is unreadable.");
    }
  }

  private String get(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new OAuthError(
            "invalid_request", "The identity provider answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new OAuthError("invalid_request", "The identity provider cannot be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthError("invalid_request", "Interrupted.");
    }
  }

  private JsonNode post(String url, Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new OAuthError(
            "invalid_request",
            "The identity provider refused the code (" + response.statusCode() + ").");
      }
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new OAuthError("invalid_request", "The identity provider cannot be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthError("invalid_request", "Interrupted.");
    }
  }

  private String issuer(HostedUiDirectory.Provider provider) {
    String issuer = provider.details().get("oidc_issuer");
    return issuer.startsWith("/") ? base.get() + issuer : issuer;
  }

  private static OAuthError invalidToken(String what) {
    return new OAuthError(
        "invalid_request", "The identity provider's ID token failed the " + what + " check.");
  }
}

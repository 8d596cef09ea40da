package dev.cognitocreds.localcognito.identitypool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.localcognito.CognitoException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks the ID tokens in {@code Logins} as Cognito Identity does, with its messages. */
final class LoginValidator {
  private final TokenIssuers issuers;
  private final Clock clock;

  LoginValidator(TokenIssuers issuers, Clock clock) {
    this.issuers = issuers;
    this.clock = clock;
  }

  List<VerifiedLogin> validate(IdentityPool pool, Map<String, String> logins) {
    List<VerifiedLogin> verified = new ArrayList<>();
    logins.forEach((provider, token) -> verified.add(validate(pool, provider, token)));
    return verified;
  }

  private VerifiedLogin validate(IdentityPool pool, String provider, String token) {
    if (!pool.providers.containsKey(provider)) {
      throw CognitoException.notAuthorized(
          "Token is not from a supported provider of this identity pool.");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("Not a valid OpenId Connect identity token.");
    }
    // an OIDC provider's Logins key is its issuer without the scheme (a local stand-in's is http)
    String issuer = String.valueOf(claims.getIssuer());
    boolean oidc = pool.providers.get(provider).has("OpenIdConnectProviderARN");
    if (!("https://" + provider).equals(issuer)
        && !(oidc && ("http://" + provider).equals(issuer))) {
      throw invalid("Issuer doesn't match providerName");
    }
    if (claims.getAudience() == null || claims.getAudience().isEmpty()) {
      throw invalid("Missing a required claim: aud");
    }
    RSAKey key =
        issuers.publicKey(claims.getIssuer()).orElseThrow(() -> invalid("Invalid signature."));
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw invalid("Invalid signature.");
      }
    } catch (JOSEException e) {
      throw invalid("Invalid signature.");
    }
    long now = clock.instant().getEpochSecond();
    long expires =
        claims.getExpirationTime() == null
            ? 0
            : claims.getExpirationTime().toInstant().getEpochSecond();
    if (now >= expires) {
      throw invalid("Token expired: " + now + " >= " + expires);
    }
    String configuredClient = pool.providers.get(provider).path("ClientId").asText("");
    if (!configuredClient.isEmpty() && !claims.getAudience().contains(configuredClient)) {
      throw invalid("Incorrect token audience.");
    }
    if (pool.providers.get(provider).path("ServerSideTokenCheck").asBoolean(false)
        && !issuers.stillSignedIn(
            claims.getIssuer(),
            String.valueOf(claims.getClaim("origin_jti")),
            String.valueOf(claims.getClaim("cognito:username")))) {
      throw invalid("Token has been revoked.");
    }
    return new VerifiedLogin(provider, claims);
  }

  private static CognitoException invalid(String detail) {
    return CognitoException.notAuthorized("Invalid login token. " + detail);
  }
}

package dev.cognitocreds.daemon.auth.browser;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.daemon.Failure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks the ID token of a browser sign-in before anything of it is kept: RS256 signature by a key
 * of the issuer's JWKS, issuer, audience, expiry and the attempt's nonce. Key sets are kept per
 * address and fetched again when a token names a key they lack (the issuer rotated its keys).
 */
final class IdTokenVerifier {

  /**
   * What is left between the issuer's clock and this machine's once the issuer's {@code Date}
   * header has been accounted for (the header has whole seconds, the answer takes a moment).
   */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final Function<URI, String> fetch;
  private final Clock clock;
  private final Map<URI, JWKSet> keySets = new ConcurrentHashMap<>();

  IdTokenVerifier(Function<URI, String> fetch, Clock clock) {
    this.fetch = fetch;
    this.clock = clock;
  }

  /** The verified claims, with the clocks of this machine and the issuer taken as equal. */
  JWTClaimsSet verify(String idToken, OAuthEndpoints endpoints, String nonce) {
    return verify(idToken, endpoints, nonce, Duration.ZERO);
  }

  /**
   * The verified claims; a {@link Failure} naming the failed check otherwise. {@code skew} is how
   * far this machine's clock is ahead of the issuer's (negative: behind): {@code iat} and {@code
   * exp} are judged on the issuer's clock, so a machine minutes off can still sign in.
   */
  JWTClaimsSet verify(String idToken, OAuthEndpoints endpoints, String nonce, Duration skew) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(idToken);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw refused("it is not a signed JWT");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw refused("it is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
    }
    RSAKey key = key(endpoints.jwks(), jwt.getHeader().getKeyID());
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw refused("its signature does not match the issuer's key");
      }
    } catch (JOSEException e) {
      throw refused("its signature cannot be checked");
    }
    if (!endpoints.issuer().equals(claims.getIssuer())) {
      throw refused("it was issued by " + claims.getIssuer() + ", not " + endpoints.issuer());
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(endpoints.clientId())) {
      throw refused("it is meant for another client (aud), not " + endpoints.clientId());
    }
    Instant now = clock.instant().minus(skew);
    if (claims.getExpirationTime() == null
        || !claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(now)) {
      throw refused("it has expired");
    }
    if (claims.getIssueTime() != null
        && claims.getIssueTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
      throw refused("it was issued in the future: check this machine's clock");
    }
    Object tokenUse = claims.getClaim("token_use");
    if (tokenUse != null && !"id".equals(tokenUse)) {
      throw refused("it is not an ID token");
    }
    Object claimed = claims.getClaim("nonce");
    if (!(claimed instanceof String text)
        || !MessageDigest.isEqual(
            text.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
      throw refused("its nonce is not this sign-in's");
    }
    return claims;
  }

  private RSAKey key(URI jwks, String keyId) {
    JWK key = keyOf(keySets.computeIfAbsent(jwks, this::load), keyId);
    if (key == null) {
      JWKSet reloaded = load(jwks);
      keySets.put(jwks, reloaded);
      key = keyOf(reloaded, keyId);
    }
    if (!(key instanceof RSAKey rsa)) {
      throw refused("its key (kid) is not in the issuer's key set " + OAuthHttp.endpoint(jwks));
    }
    return rsa;
  }

  private static JWK keyOf(JWKSet set, String keyId) {
    if (keyId != null) {
      return set.getKeyByKeyId(keyId);
    }
    return set.getKeys().size() == 1 ? set.getKeys().get(0) : null;
  }

  private JWKSet load(URI jwks) {
    try {
      return JWKSet.parse(fetch.apply(jwks));
    } catch (ParseException e) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          "the key set at " + OAuthHttp.endpoint(jwks) + " cannot be read");
    }
  }

  private static Failure refused(String why) {
    return new Failure(
        Failure.Kind.SIGN_IN_REJECTED,
        "InvalidIdToken",
        "the ID token of the browser sign-in was refused: " + why + "; nothing was stored");
  }
}

package dev.cognitocreds.localcognito.identitypool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * GetOpenIdToken's tokens: issuer cognito-identity.amazonaws.com, subject the identity, ten
 * minutes.
 */
final class OpenIdTokens {
  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private final Clock clock;
  private final RSAKey key;

  OpenIdTokens(Clock clock) {
    this.clock = clock;
    try {
      this.key = new RSAKeyGenerator(2048).keyID("local-cognito-identity").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  String issue(Identity identity, VerifiedLogin login) {
    Instant now = clock.instant();
    List<String> amr = new ArrayList<>();
    if (login == null) {
      amr.add("unauthenticated");
    } else {
      amr.add("authenticated");
      amr.add(login.providerName());
      amr.add(login.providerName() + ":" + login.audience() + ":" + login.claims().getSubject());
    }
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("https://cognito-identity.amazonaws.com")
            .subject(identity.id())
            .audience(identity.poolId())
            .claim("amr", amr)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.cognitocreds.daemon.auth.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.daemon.Failure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks an ID token of a browser sign-in must pass before anything of it is stored. */
class IdTokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String ISSUER =
      "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Pool1";
  private static final String CLIENT = "appclient0000000000000000a";
  private static final String NONCE = "the-nonce-of-this-attempt";
  private static final OAuthEndpoints ENDPOINTS =
      new OAuthEndpoints(
          URI.create("https://acme.auth.example/oauth2/authorize"),
          URI.create("https://acme.auth.example/oauth2/token"),
          Optional.empty(),
          URI.create("https://keys.example/jwks.json"),
          ISSUER,
          CLIENT);

  private static RSAKey key;
  private static RSAKey otherKey;

  private final AtomicInteger fetches = new AtomicInteger();
  private final IdTokenVerifier verifier =
      new IdTokenVerifier(
          uri -> {
            fetches.incrementAndGet();
            return new JWKSet(key.toPublicJWK()).toString();
          },
          Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  @Test
  void aTokenOfTheIssuerForThisClientAndNonceIsAccepted() throws Exception {
    JWTClaimsSet claims = verifier.verify(token(key, c -> c), ENDPOINTS, NONCE);

    assertThat(claims.getSubject()).isEqualTo("sub-1");
    verifier.verify(token(key, c -> c), ENDPOINTS, NONCE);
    assertThat(fetches).as("the key set is kept").hasValue(1);
  }

  @Test
  void anotherNonceIsRefused() {
    assertRefused(token(key, c -> c.claim("nonce", "another")), "nonce");
  }

  @Test
  void anotherAudienceIsRefused() {
    assertRefused(token(key, c -> c.audience("someone-else")), "another client");
  }

  @Test
  void anotherIssuerIsRefused() {
    assertRefused(token(key, c -> c.issuer("https://evil.example")), "issued by");
  }

  @Test
  void anExpiredTokenIsRefused() {
    assertRefused(
        token(key, c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(5))))), "expired");
  }

  @Test
  void timesAreJudgedOnTheIssuersClock() {
    Duration ahead = Duration.ofMinutes(5);
    String issuedAhead =
        token(
            key,
            c ->
                c.issueTime(Date.from(NOW.plus(ahead)))
                    .expirationTime(Date.from(NOW.plus(ahead).plus(Duration.ofHours(1)))));
    String expiredHere =
        token(
            key,
            c ->
                c.issueTime(Date.from(NOW.minus(ahead).minus(Duration.ofMinutes(1))))
                    .expirationTime(Date.from(NOW.minus(Duration.ofMinutes(4)))));

    assertRefused(issuedAhead, "issued in the future");
    assertRefused(expiredHere, "expired");
    assertThat(verifier.verify(issuedAhead, ENDPOINTS, NONCE, ahead.negated()).getSubject())
        .isEqualTo("sub-1");
    assertThat(verifier.verify(expiredHere, ENDPOINTS, NONCE, ahead).getSubject())
        .as("still valid on an issuer 5 minutes behind")
        .isEqualTo("sub-1");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    assertRefused(token(otherKey, c -> c), "signature");
  }

  @Test
  void aTokenSignedWithASharedSecretIsRefused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes()));

    assertRefused(jwt.serialize(), "not RS256");
  }

  private void assertRefused(String token, String why) {
    assertThatThrownBy(() -> verifier.verify(token, ENDPOINTS, NONCE))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REJECTED);
              assertThat(failure.code()).isEqualTo("InvalidIdToken");
            })
        .hasMessageContaining(why)
        .hasMessageContaining("nothing was stored");
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("sub-1")
        .audience(CLIENT)
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
        .claim("token_use", "id")
        .claim("nonce", NONCE);
  }

  private static String token(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> change) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
              change.apply(claims()).build());
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

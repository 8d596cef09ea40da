package dev.cognitocreds.daemon.auth.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.auth.Tokens;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.BrowserLogin;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issuer's clock minutes away from this machine's: the token endpoint's {@code Date} header
 * says by how much, the ID token's {@code iat} and {@code exp} are judged on the issuer's clock,
 * and the access token's lifetime ({@code expires_in}) is on the same clock as the ID token's
 * times.
 */
class BrowserSignInClockSkewTest {
  private static final String POOL = "us-east-2_Pool1";
  private static final String CLIENT = "appclient0000000000000000a";
  private static final Duration LIFETIME = Duration.ofHours(1);

  private static RSAKey key;

  /** This machine's clock, set off the real time, which the issuer keeps (it sends it as Date). */
  private final MutableClock clock = new MutableClock(Instant.now());

  private final AtomicReference<String> nonce = new AtomicReference<>();
  private HttpServer issuer;
  private CognitoProfile profile;

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  @BeforeEach
  void startIssuer() throws IOException {
    issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer.createContext(
        "/" + POOL + "/.well-known/jwks.json",
        exchange -> answer(exchange, new JWKSet(key.toPublicJWK()).toString()));
    issuer.createContext(
        "/oauth2/token",
        exchange ->
            answer(
                exchange,
                "{\"id_token\":\""
                    + idToken()
                    + "\",\"access_token\":\"opaque\",\"refresh_token\":\"refresh\","
                    + "\"expires_in\":"
                    + LIFETIME.toSeconds()
                    + ",\"token_type\":\"Bearer\"}"));
    issuer.start();
    URI site = URI.create("http://127.0.0.1:" + issuer.getAddress().getPort());
    profile =
        CognitoProfile.builder("acme")
            .region("us-east-2")
            .userPoolId(POOL)
            .clientId(CLIENT)
            .identityPoolId("us-east-2:00000000-0000-0000-0000-000000000000")
            .authFlow(AuthFlow.USER_SRP_AUTH)
            .endpointUrl(site)
            .browser(
                new BrowserLogin(
                    Optional.of(site),
                    BrowserLogin.DEFAULT_REDIRECT_URI,
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    Optional.empty()))
            .build();
  }

  @AfterEach
  void stopIssuer() {
    issuer.stop(0);
  }

  @ParameterizedTest(name = "issuer {0} minutes ahead")
  @ValueSource(ints = {5, -5})
  void aSignInIsAcceptedWithTheClocksApartAndItsLifetimesAgree(int minutesAhead) {
    clock.set(Instant.now().minus(Duration.ofMinutes(minutesAhead)));
    BrowserSignIn signIn = new BrowserSignIn(clock, new SecureRandom());
    BrowserSignIn.Started started = signIn.start(profile, Duration.ofMinutes(5));
    nonce.set(queryValue(started.authorizeUrl(), "nonce"));

    Tokens tokens = signIn.finish(profile, started.attempt(), started.state(), "the-code");

    assertThat(Duration.between(tokens.claims().issuedAt(), tokens.accessTokenExpiresAt()))
        .as("the access token's lifetime, on the ID token's clock")
        .isBetween(LIFETIME.minusSeconds(3), LIFETIME.plusSeconds(3));
  }

  @ParameterizedTest(name = "issuer {0} minutes ahead")
  @ValueSource(ints = {5, -5})
  void aRefreshAtTheTokenEndpointCountsTheAccessTokensLifetimeOnTheIssuersClock(int minutesAhead) {
    clock.set(Instant.now().minus(Duration.ofMinutes(minutesAhead)));

    Tokens tokens = new BrowserSignIn(clock, new SecureRandom()).refresh(profile, "refresh");

    assertThat(Duration.between(tokens.claims().issuedAt(), tokens.accessTokenExpiresAt()))
        .isBetween(LIFETIME.minusSeconds(3), LIFETIME.plusSeconds(3));
  }

  /** The issuer's answer; the server adds the {@code Date} header, on the issuer's clock. */
  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private String idToken() {
    try {
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .issuer(profile.userPoolIssuer())
              .subject("sub-1")
              .audience(CLIENT)
              .issueTime(Date.from(Instant.now()))
              .expirationTime(Date.from(Instant.now().plus(LIFETIME)))
              .claim("token_use", "id")
              .claim("cognito:username", "bob");
      if (nonce.get() != null) {
        claims.claim("nonce", nonce.get());
      }
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String queryValue(URI uri, String name) {
    return Arrays.stream(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .filter(pair -> pair[0].equals(name))
        .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }
}

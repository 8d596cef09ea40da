package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CredentialLoad;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.ProvisionedPools;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ID tokens of a few seconds (an app client provisioned through the SDK) and shorter credentials:
 * the daemon refreshes the ID token with the refresh token only when an exchange needs it, and a
 * refresh token revoked while the daemon runs moves the profile to signed out, after which nothing
 * is retried.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShortLivedIdTokenTest {

  private static final String PROFILE = "acme";
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(4);
  private static final Duration ID_TOKEN_LIFETIME = Duration.ofSeconds(8);
  private static final Duration OBSERVED = Duration.ofSeconds(20);

  private static LocalCognitoInstallation fixture;
  private static LicensedUser user;

  @BeforeAll
  static void start() {
    LocalCognito cognito =
        LocalCognito.builder().port(0).demo().credentialLifetime(CREDENTIAL_LIFETIME).start();
    ProvisionedPools pools;
    try (CognitoAdmin publisher = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      pools = ProvisionedPools.shortIdTokensInDemoPool(publisher, ID_TOKEN_LIFETIME);
    }
    fixture =
        LocalCognitoInstallation.start(
            "short-id-tokens", cognito, endpoint -> pools.profile(PROFILE, endpoint).toIni());
    user = fixture.signInNewUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @Order(1)
  void theIdTokenIsRefreshedOnlyWhenAnExchangeNeedsIt() throws Exception {
    fixture.cognito().calls().reset();

    CredentialLoad load =
        CredentialLoad.run(fixture.daemon(), PROFILE, 2, Instant.now().plus(OBSERVED));

    load.assertNeverExpiredWhenServed();
    long exchanges = fixture.cognito().calls().count("GetCredentialsForIdentity");
    long refreshes = fixture.idTokenRefreshes();
    assertThat(refreshes).as("the ID token expired twice while observed").isGreaterThanOrEqualTo(2);
    assertThat(refreshes)
        .as("refreshes vs %d exchanges", exchanges)
        .isLessThanOrEqualTo(exchanges / 2);
    assertThat(fixture.cognito().calls().count("RespondToAuthChallenge"))
        .as("no new sign-in")
        .isZero();
  }

  @Test
  @Order(2)
  void aRefreshTokenRevokedWhileTheDaemonRunsSignsTheProfileOut() {
    fixture.admin().signOutEverywhere(DemoPool.USER_POOL_ID, user.username());

    await("profile signed out")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              int status =
                  fixture
                      .daemon()
                      .request()
                      .get("/v1/profiles/{p}/credentials", PROFILE)
                      .statusCode();
              assertThat(status)
                  .as("cached credentials or signed out, nothing else")
                  .isIn(200, 409);
              return status == 409;
            });

    fixture
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON)
        .body("code", equalTo("SignedOut"))
        .body(
            "message",
            equalTo("profile acme is signed out: run `cognito-creds login --profile acme`"));
    assertThat(fixture.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_OUT");
    fixture.cognito().calls().reset();
    for (int i = 0; i < 10; i++) {
      fixture
          .daemon()
          .request()
          .get("/v1/profiles/{p}/credential-process", PROFILE)
          .then()
          .statusCode(409);
    }
    assertThat(fixture.cognito().calls().snapshot())
        .as("a signed-out profile is not retried")
        .isEmpty();
  }
}

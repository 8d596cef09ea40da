package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daemon answers cached credentials on its one network thread. Signing in again replaces the
 * profile's session before the new one has credentials: a credential request in that gap must wait
 * on a worker for the slow exchange, while every other request (here /healthz) is still answered at
 * once.
 */
class SignInAgainWhileServingTest {

  private static final String PROFILE = "acme";
  private static final Duration SLOW_EXCHANGE = Duration.ofSeconds(2);

  @Test
  void aCredentialRequestDuringASlowSignInHoldsUpNoOtherRequest() throws Exception {
    try (LocalCognitoInstallation fixture = LocalCognitoInstallation.demo("relogin", PROFILE)) {
      LicensedUser user = fixture.signInDemoUser(PROFILE);
      String first =
          fixture
              .daemon()
              .request()
              .get("/v1/profiles/{p}/credentials", PROFILE)
              .then()
              .statusCode(200)
              .extract()
              .path("AccessKeyId");
      fixture.cognito().faults().set("GetCredentialsForIdentity", Fault.latency(SLOW_EXCHANGE));
      long exchangesBefore = fixture.cognito().calls().count("GetCredentialsForIdentity");

      CompletableFuture<Response> signIn =
          CompletableFuture.supplyAsync(
              () ->
                  fixture
                      .daemon()
                      .request()
                      .contentType("application/json")
                      .body(Map.of("username", user.username(), "password", user.password()))
                      .post("/v1/profiles/{p}/login", PROFILE));
      // The new session is in place once its slow exchange has started.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> fixture.cognito().calls().count("GetCredentialsForIdentity") > exchangesBefore);

      CompletableFuture<Response> credentials =
          CompletableFuture.supplyAsync(
              () -> fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE));
      Thread.sleep(200); // let it reach the daemon first
      long started = System.nanoTime();
      fixture.daemon().anonymousRequest().get("/healthz").then().statusCode(200);
      Duration health = Duration.ofNanos(System.nanoTime() - started);

      assertThat(health)
          .as("/healthz while a credential request waits for the new session's exchange")
          .isLessThan(Duration.ofSeconds(1));
      assertThat(signIn.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      Response served = credentials.get(30, TimeUnit.SECONDS);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.jsonPath().getString("AccessKeyId"))
          .as("the new session's credentials")
          .isNotEqualTo(first);
      fixture.cognito().faults().clear();
    }
  }
}

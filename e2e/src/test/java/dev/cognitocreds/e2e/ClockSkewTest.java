package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.AdjustableClock;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cognito's clock minutes ahead of or behind this machine's: a sign-in succeeds (the SRP proof's
 * timestamp, which Cognito refuses when about five minutes off its clock, is on Cognito's clock);
 * the daemon serves credentials whose {@code Expiration} is on this machine's clock (so SDKs here
 * renew them at the right time), never credentials that look expired, and does not renew on every
 * request.
 */
class ClockSkewTest {

  private static final String PROFILE = "acme";
  private static final Duration LIFETIME = Duration.ofSeconds(30);

  @ParameterizedTest(name = "Cognito {0} minutes ahead")
  @ValueSource(ints = {5, -5})
  void credentialsAreServedOnThisMachinesClock(int cognitoMinutesAhead) {
    AdjustableClock cognitoClock = new AdjustableClock();
    try (LocalCognitoInstallation fixture =
        LocalCognitoInstallation.start(
            "skew",
            LocalCognito.builder()
                .port(0)
                .demo()
                .clock(cognitoClock)
                .credentialLifetime(LIFETIME)
                .start(),
            endpoint -> DemoPool.profile(PROFILE, endpoint).toIni())) {
      fixture.signInDemoUser(PROFILE);
      cognitoClock.advance(Duration.ofMinutes(cognitoMinutesAhead));
      // a new daemon's first credentials come from the skewed Cognito
      fixture.installation().restartDaemon();

      Response first = credentials(fixture);
      assertThat(first.statusCode()).as("%s", first.asString()).isEqualTo(200);
      Duration left =
          Duration.between(Instant.now(), Instant.parse(first.jsonPath().getString("Expiration")));
      assertThat(left)
          .as("life left of fresh %s credentials, on this machine's clock", LIFETIME)
          .isBetween(LIFETIME.minusSeconds(15), LIFETIME.plusSeconds(2));

      fixture.cognito().calls().reset();
      for (int i = 0; i < 20; i++) {
        Response again = credentials(fixture);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("AccessKeyId"))
            .isEqualTo(first.jsonPath().getString("AccessKeyId"));
      }
      assertThat(fixture.cognito().calls().count("GetCredentialsForIdentity"))
          .as("renewals for 20 requests")
          .isZero();
      assertThat(fixture.daemon().log())
          .containsPattern("this machine's clock is (29[0-9]|30[0-2]) s");
    }
  }

  @ParameterizedTest(name = "Cognito {0} minutes ahead")
  @ValueSource(ints = {5, -5})
  void signInSucceedsWithTheClocksApart(int cognitoMinutesAhead) {
    AdjustableClock cognitoClock = new AdjustableClock();
    cognitoClock.advance(Duration.ofMinutes(cognitoMinutesAhead));
    try (LocalCognitoInstallation fixture =
        LocalCognitoInstallation.start(
            "skew-login",
            LocalCognito.builder().port(0).demo().clock(cognitoClock).start(),
            endpoint -> DemoPool.profile(PROFILE, endpoint).toIni())) {
      fixture.signInDemoUser(PROFILE);

      Response served = credentials(fixture);
      assertThat(served.statusCode()).as("%s", served.asString()).isEqualTo(200);
      assertThat(served.jsonPath().getString("AccessKeyId")).isNotBlank();
      assertThat(fixture.daemon().log())
          .containsPattern("this machine's clock is (29[0-9]|30[0-2]) s .* password proof");
    }
  }

  private static Response credentials(LocalCognitoInstallation fixture) {
    return fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE);
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CredentialLoad;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials that live a few seconds, under constant load from several callers: the daemon renews
 * them ahead of expiry, by one upstream exchange per renewal, and never serves expired ones.
 */
class RefreshAheadTest {

  private static final String PROFILE = "acme";
  private static final Duration LIFETIME = Duration.ofSeconds(6);
  private static final int LIFETIMES_OBSERVED = 4;
  private static final int CALLERS = 4;

  private static LocalCognitoInstallation fixture;

  @BeforeAll
  static void start() {
    fixture = LocalCognitoInstallation.demo("refresh-ahead", PROFILE, LIFETIME);
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void newCredentialsArriveBeforeTheOldOnesExpireWithOneExchangeEach() throws Exception {
    fixture.cognito().calls().reset();

    CredentialLoad load =
        CredentialLoad.run(
            fixture.daemon(),
            PROFILE,
            CALLERS,
            Instant.now().plus(LIFETIME.multipliedBy(LIFETIMES_OBSERVED)));

    load.assertNeverExpiredWhenServed();
    load.assertEachKeyReplacedBeforeItExpired();
    assertThat(load.keys())
        .as("renewed across %d lifetimes", LIFETIMES_OBSERVED)
        .hasSizeGreaterThanOrEqualTo(LIFETIMES_OBSERVED);
    long exchanges = fixture.cognito().calls().count("GetCredentialsForIdentity");
    // Renewal starts at about half the lifetime: two exchanges per lifetime, however many requests
    // the callers make.
    assertThat(exchanges).isBetween((long) load.keys().size() - 1, 3L * LIFETIMES_OBSERVED);
    assertThat(load.observations())
        .as("requests served")
        .hasSizeGreaterThan((int) (10 * exchanges));
    assertThat(fixture.idTokenRefreshes()).as("the one-hour ID token needs no refresh").isZero();
    assertThat(fixture.cognito().calls().count("GetId")).isZero();
  }
}

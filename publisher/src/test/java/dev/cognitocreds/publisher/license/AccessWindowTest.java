package dev.cognitocreds.publisher.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessWindowTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @Test
  void keptSessionsLastUntilTheOldIdTokensAndTheirCredentialsExpire() {
    AccessWindow window =
        new AccessWindow(
            NOW,
            false,
            true,
            Optional.of(Duration.ofMinutes(30)),
            AccessWindow.ENHANCED_FLOW_CREDENTIALS);

    assertThat(window.accessEndsAtTheLatest()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
    assertThat(window.reasons())
        .anySatisfy(r -> assertThat(r).contains("30 minutes after it was issued"))
        .anySatisfy(r -> assertThat(r).contains("up to 1 hour"));
  }

  @Test
  void aSignOutWithServerSideTokenCheckLeavesOnlyTheCredentialsAlreadyIssued() {
    AccessWindow window =
        new AccessWindow(
            NOW,
            true,
            true,
            Optional.of(Duration.ofMinutes(30)),
            AccessWindow.ENHANCED_FLOW_CREDENTIALS);

    assertThat(window.accessEndsAtTheLatest()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void withoutServerSideTokenCheckTheOldIdTokensStillWorkAfterASignOut() {
    AccessWindow window =
        new AccessWindow(
            NOW, true, false, Optional.empty(), AccessWindow.ENHANCED_FLOW_CREDENTIALS);

    assertThat(window.accessEndsAtTheLatest()).isEqualTo(NOW.plus(Duration.ofHours(25)));
    assertThat(window.reasons())
        .anySatisfy(r -> assertThat(r).contains("ServerSideTokenCheck is off"));
  }
}

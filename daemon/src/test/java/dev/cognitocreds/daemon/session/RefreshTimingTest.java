package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTimingTest {

  private static final Instant ISSUED = Instant.parse("2026-11-30T07:00:00Z");

  @Test
  void oneHourCredentialsPrefetchTwentyMinutesAheadWithoutJitter() {
    var timed = new RefreshTiming(() -> 0.0).timed("v", ISSUED, ISSUED.plus(Duration.ofHours(1)));
    assertThat(timed.prefetchAt()).isEqualTo(Instant.parse("2026-11-30T07:40:00Z"));
    assertThat(timed.staleAt()).isEqualTo(Instant.parse("2026-11-30T07:59:00Z"));
    assertThat(timed.expiresAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
  }

  @Test
  void jitterMovesPrefetchEarlierByAtMostTenPercentOfTheMargin() {
    var timed =
        new RefreshTiming(() -> 0.999999).timed("v", ISSUED, ISSUED.plus(Duration.ofHours(1)));
    // 18-20 minutes before expiry: ahead of the SDKs' 15-minute advisory window
    assertThat(timed.prefetchAt())
        .isBetween(Instant.parse("2026-11-30T07:38:00Z"), Instant.parse("2026-11-30T07:38:01Z"));
  }

  @Test
  void shortLifetimesScaleMargins() {
    var timed = new RefreshTiming(() -> 0.0).timed("v", ISSUED, ISSUED.plusSeconds(10));
    assertThat(timed.prefetchAt()).isEqualTo(ISSUED.plusSeconds(5));
    assertThat(timed.staleAt()).isEqualTo(ISSUED.plusSeconds(9));
    assertThat(timed.lifetime()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void backoffGrowsExponentiallyWithJitterAndACap() {
    RefreshTiming low = new RefreshTiming(() -> 0.0);
    RefreshTiming high = new RefreshTiming(() -> 0.999999);
    assertThat(low.backoff(1, null)).isEqualTo(Duration.ofMillis(500));
    assertThat(high.backoff(1, null)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(low.backoff(3, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(high.backoff(30, null)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
    assertThat(low.backoff(30, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void backoffCapScalesDownForShortLifetimes() {
    RefreshTiming high = new RefreshTiming(() -> 0.999999);
    assertThat(high.backoff(10, Duration.ofSeconds(20)))
        .isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
  }
}

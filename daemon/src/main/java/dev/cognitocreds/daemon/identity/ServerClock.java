package dev.cognitocreds.daemon.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Cognito's instants on this machine's clock. An expiry Cognito states is on its own clock; on a
 * machine whose clock is minutes off, the same instant read locally makes fresh credentials look
 * expired (renewed on every request) or expired ones look valid. The {@code Date} header of the
 * answer tells how far the clocks are apart; a difference within {@link #TOLERANCE} (the header has
 * whole seconds, the answer takes a moment) is left alone.
 */
final class ServerClock {

  static final Duration TOLERANCE = Duration.ofSeconds(5);

  private ServerClock() {}

  /**
   * How far this machine's clock is ahead of Cognito's (negative: behind), from the answer's {@code
   * Date} header and the local instant it arrived; empty without a readable header or within the
   * tolerance.
   */
  static Optional<Duration> skew(Optional<String> dateHeader, Instant receivedAt) {
    if (dateHeader.isEmpty()) {
      return Optional.empty();
    }
    Instant serverNow;
    try {
      serverNow =
          ZonedDateTime.parse(dateHeader.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    Duration skew = Duration.between(serverNow, receivedAt);
    return skew.abs().compareTo(TOLERANCE) <= 0 ? Optional.empty() : Optional.of(skew);
  }
}

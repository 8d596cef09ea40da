package dev.cognitocreds.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;

/**
 * How far this machine's clock is from Cognito's, read from the {@code Date} header of Cognito's
 * answers. Both directions matter: an expiry Cognito states is on its own clock (read locally on a
 * machine minutes off, fresh credentials look expired or expired ones valid), and a time the daemon
 * states to Cognito (the SRP proof's {@code TIMESTAMP}) must be on Cognito's clock, which refuses
 * one about five minutes off. The same holds for an OAuth token endpoint's answers (the hosted UI,
 * an OIDC provider): its ID token's {@code iat} and {@code exp} are on the issuer's clock. A
 * difference within {@link #TOLERANCE} (the header has whole seconds, the answer takes a moment) is
 * left alone.
 */
public final class ServerClock {

  static final Duration TOLERANCE = Duration.ofSeconds(5);

  private ServerClock() {}

  /**
   * How far this machine's clock is ahead of Cognito's (negative: behind), from {@code response}'s
   * {@code Date} header and the local instant it arrived; empty without a readable header or within
   * the tolerance.
   */
  public static Optional<Duration> skew(SdkResponse response, Instant receivedAt) {
    return skew(
        response.sdkHttpResponse() == null
            ? Optional.empty()
            : response.sdkHttpResponse().firstMatchingHeader("Date"),
        receivedAt);
  }

  /** As {@link #skew(SdkResponse, Instant)}, from the {@code Date} header's value. */
  public static Optional<Duration> skew(Optional<String> dateHeader, Instant receivedAt) {
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

  /** "300 s ahead of" or "300 s behind", for log lines that tell a person to set the clock. */
  public static String describe(Duration skew) {
    return skew.abs().toSeconds() + " s " + (skew.isNegative() ? "behind" : "ahead of");
  }
}

package dev.cognitocreds.daemon.session;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to renew a value that expires, as docs/protocol.md fixes it. With lifetime L: prefetch at
 * {@code expiry − min(20 min, L/2)} minus up to 10 % of that margin (jitter spreads the refreshes
 * of many daemons), stale at {@code expiry − min(60 s, L/10)}, and after n failures wait a jittered
 * {@code min(cap, 1 s · 2^(n−1))} with cap {@code min(60 s, L/20)}.
 */
public final class RefreshTiming {

  private static final Duration MAX_PREFETCH_MARGIN = Duration.ofMinutes(20);
  private static final Duration MAX_STALE_MARGIN = Duration.ofSeconds(60);
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  private static final Duration BACKOFF_CAP = Duration.ofSeconds(60);

  private final DoubleSupplier random;

  /** {@code random} yields values in [0, 1); inject a constant to make the jitter predictable. */
  public RefreshTiming(DoubleSupplier random) {
    this.random = random;
  }

  public <T> RefreshAheadCache.Timed<T> timed(T value, Instant issued, Instant expiry) {
    Duration lifetime = positive(Duration.between(issued, expiry));
    Duration margin = min(MAX_PREFETCH_MARGIN, lifetime.dividedBy(2));
    Duration jitter = Duration.ofNanos((long) (margin.toNanos() * 0.1 * random.getAsDouble()));
    Instant prefetch = expiry.minus(margin).minus(jitter);
    Instant stale = expiry.minus(min(MAX_STALE_MARGIN, lifetime.dividedBy(10)));
    return new RefreshAheadCache.Timed<>(value, prefetch, stale, expiry, lifetime);
  }

  /** How long to wait after the {@code failures}-th failure in a row. */
  public Duration backoff(int failures, Duration lifetime) {
    return backoffCappedAt(
        failures,
        lifetime == null ? BACKOFF_CAP : min(BACKOFF_CAP, positive(lifetime.dividedBy(20))));
  }

  /** The same back-off with another cap, for callers that cannot wait long. */
  public Duration backoffCappedAt(int failures, Duration cap) {
    Duration full = BACKOFF_BASE.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    Duration capped = min(cap, full);
    // "equal jitter": at least half the delay, so a failing upstream is never hammered
    return capped.dividedBy(2).plusNanos((long) (capped.toNanos() / 2.0 * random.getAsDouble()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() || duration.isZero() ? Duration.ofMillis(1) : duration;
  }
}

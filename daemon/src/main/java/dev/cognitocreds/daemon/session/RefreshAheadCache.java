package dev.cognitocreds.daemon.session;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value renewed ahead of its expiry, after the AWS SDK's CachedSupplier: before the prefetch time
 * callers get the cached value with no lock and no I/O; between prefetch and stale time one
 * background call renews it while callers keep the cached value; after the stale time callers wait
 * for one shared call. However many callers there are, at most one upstream call runs. A failed
 * call keeps the cached value served until it really expires, and the next call waits a jittered
 * back-off.
 */
public final class RefreshAheadCache<T> {

  private static final Logger log = LoggerFactory.getLogger(RefreshAheadCache.class);

  /** A value and the instants that drive its renewal. */
  public record Timed<T>(
      T value, Instant prefetchAt, Instant staleAt, Instant expiresAt, Duration lifetime) {}

  private final String name;
  private final Supplier<Timed<T>> upstream;
  private final Clock clock;
  private final RefreshTiming timing;
  private final ScheduledExecutorService background;
  private final Object lock = new Object();

  private volatile Timed<T> current;
  private volatile Failure lastError;
  private volatile boolean closed;
  // guarded by lock
  private CompletableFuture<Timed<T>> inFlight;
  private Instant retryNotBefore = Instant.MIN;
  private int failures;

  /**
   * {@code upstream} fetches a new value; it throws {@link Failure} when it cannot. {@code
   * background} runs prefetches and wakes up at each prefetch time so an idle daemon still renews
   * ahead.
   */
  public RefreshAheadCache(
      String name,
      Supplier<Timed<T>> upstream,
      Clock clock,
      RefreshTiming timing,
      ScheduledExecutorService background) {
    this.name = name;
    this.upstream = upstream;
    this.clock = clock;
    this.timing = timing;
    this.background = background;
  }

  public T get() {
    Timed<T> cached = current;
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.prefetchAt())) {
      return cached.value();
    }
    if (cached != null && now.isBefore(cached.staleAt())) {
      startRefresh(now, true);
      return cached.value();
    }
    CompletableFuture<Timed<T>> call = startRefresh(now, false);
    if (call != null) {
      try {
        return call.join().value();
      } catch (CompletionException e) {
        // served from the cache below if it is still valid
      }
    }
    cached = current;
    if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
      return cached.value();
    }
    Failure error = lastError;
    throw error != null
        ? error
        : new Failure(
            Failure.Kind.UPSTREAM_UNAVAILABLE,
            ErrorCodes.UPSTREAM_UNAVAILABLE,
            name + ": no credentials yet; try again later");
  }

  /**
   * The cached value while it needs no renewal (before its prefetch time); empty otherwise. Never
   * waits, never calls upstream, never starts a renewal: the caller asks {@link #get()} on a thread
   * that may wait when this is empty.
   */
  public Optional<T> getWithoutWaiting() {
    Timed<T> cached = current;
    if (cached == null || closed || !clock.instant().isBefore(cached.prefetchAt())) {
      return Optional.empty();
    }
    return Optional.of(cached.value());
  }

  /** Stops the wake-ups of a value nobody will ask for again (signed out, replaced). */
  public void close() {
    closed = true;
  }

  public Optional<Timed<T>> current() {
    return Optional.ofNullable(current);
  }

  public Optional<Failure> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * The running call, or a new one when none runs and the back-off allows it; null when backing
   * off. A background call runs on the executor, a foreground one in the calling thread.
   */
  private CompletableFuture<Timed<T>> startRefresh(Instant now, boolean inBackground) {
    CompletableFuture<Timed<T>> call;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      if (now.isBefore(retryNotBefore)) {
        return null;
      }
      call = new CompletableFuture<>();
      inFlight = call;
    }
    log.debug(
        "{}: renewing ({})", name, inBackground ? "ahead, in the background" : "callers wait");
    if (inBackground) {
      try {
        background.execute(() -> run(call));
      } catch (RejectedExecutionException e) {
        run(call);
      }
    } else {
      run(call);
    }
    return call;
  }

  private void run(CompletableFuture<Timed<T>> call) {
    try {
      Timed<T> fresh = upstream.get();
      synchronized (lock) {
        current = fresh;
        lastError = null;
        failures = 0;
        retryNotBefore = Instant.MIN;
        inFlight = null;
      }
      wakeUpAt(fresh.prefetchAt(), fresh);
      call.complete(fresh);
    } catch (RuntimeException e) {
      Failure failure =
          e instanceof Failure known
              ? known
              : new Failure(
                  Failure.Kind.UPSTREAM_ERROR,
                  ErrorCodes.UPSTREAM_ERROR,
                  name + ": unexpected error: " + e.getClass().getSimpleName(),
                  e);
      Duration wait;
      int failuresInARow;
      Timed<T> cached;
      Instant retryAt;
      synchronized (lock) {
        failuresInARow = ++failures;
        cached = current;
        wait = timing.backoff(failuresInARow, cached == null ? null : cached.lifetime());
        retryAt = clock.instant().plus(wait);
        retryNotBefore = retryAt;
        lastError = failure;
        inFlight = null;
      }
      log.warn(
          "{}: refresh failed ({} in a row, next try in {} ms): {}",
          name,
          failuresInARow,
          wait.toMillis(),
          failure.getMessage());
      if (cached != null) {
        wakeUpAt(retryAt, cached);
      }
      call.completeExceptionally(failure);
    }
  }

  /** Renews {@code expected} at {@code when} even if no caller asks, unless it was replaced. */
  private void wakeUpAt(Instant when, Timed<T> expected) {
    long delay = Math.max(Duration.between(clock.instant(), when).toMillis(), 0);
    try {
      background.schedule(
          () -> {
            if (closed || current != expected) {
              return;
            }
            Instant now = clock.instant();
            log.debug("{}: woke up for the renewal due at {}", name, when);
            if (now.isBefore(when)) {
              wakeUpAt(when, expected);
            } else if (now.isBefore(expected.expiresAt())) {
              startRefresh(now, true);
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }
}

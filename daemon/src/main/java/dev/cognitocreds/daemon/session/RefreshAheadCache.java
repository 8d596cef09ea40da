package dev.cognitocreds.daemon.session;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.DaemonThreads;
import dev.cognitocreds.daemon.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value renewed ahead of its expiry, after the AWS SDK's CachedSupplier: before the prefetch time
 * callers get the cached value with no lock and no I/O; from then on one background call renews it
 * while callers keep the cached value for as long as it is valid (in the stale window they give the
 * call a moment first, so a working upstream hands them the fresh value); only a caller without a
 * valid value waits, and for a bounded time. However many callers there are, at most one upstream
 * call runs, on a thread of its own, so a hanging upstream holds up no caller longer than its
 * patience. A failed call keeps the cached value served until it really expires, and the next call
 * waits a jittered back-off, short while callers are waiting so a returning upstream is noticed at
 * once.
 */
public final class RefreshAheadCache<T> {

  private static final Logger log = LoggerFactory.getLogger(RefreshAheadCache.class);

  /**
   * How long after a renewal started callers in the stale window wait for it before they take the
   * cached (still valid) value: a moment for a working upstream, never the length of a hanging one;
   * counted from the call's start, so once it has taken longer nobody waits for it at all.
   */
  static final Duration STALE_PATIENCE = Duration.ofMillis(250);

  /**
   * How long a caller without a valid value waits for the running call before it is told Cognito
   * does not answer; the call itself goes on in the background. The first value of all is waited
   * for without it: only the upstream clients' timeouts bound that call, so a slow cold start is
   * not mistaken for an outage.
   */
  static final Duration WAITING_PATIENCE = Duration.ofSeconds(4);

  /**
   * The longest back-off while callers have no valid value: what they need is noticed within this
   * long of the upstream's return, and however many of them there are, the upstream sees at most
   * one call per such interval.
   */
  static final Duration WAITING_BACKOFF_CAP = Duration.ofMillis(1500);

  /**
   * Runs the upstream calls, a thread each while it runs: a renewal may itself wait for another
   * cache's value (a registry password needs the profile's credentials), so a fixed pool shared
   * with the waits could fill up with waiting renewals and starve the calls they wait for. The
   * single flight bounds the threads to one per cache.
   */
  private static final ExecutorService CALLS =
      Executors.newCachedThreadPool(DaemonThreads.named("upstream-call"));

  /** A value and the instants that drive its renewal. */
  public record Timed<T>(
      T value, Instant prefetchAt, Instant staleAt, Instant expiresAt, Duration lifetime) {}

  /** Names the value in log lines and messages ("profile acme"). */
  private final String name;

  /** Fetches a new value; throws {@link Failure} when it cannot. Runs only on {@link #CALLS}. */
  private final Supplier<Timed<T>> upstream;

  /** Decides what "before prefetch", "stale" and "expired" mean; injected so tests move time. */
  private final Clock clock;

  /** Prefetch and stale instants of a new value, and the back-off after failures. */
  private final RefreshTiming timing;

  /** Runs the wake-ups at prefetch and retry times, so an idle daemon still renews ahead. */
  private final ScheduledExecutorService background;

  /** Guards the single flight and the back-off state below; never held during an upstream call. */
  private final Object lock = new Object();

  /** The newest value; read without the lock by every caller, so volatile. */
  private volatile Timed<T> current;

  /**
   * Why the last call failed, for status and for callers without a valid value; null after one
   * succeeds.
   */
  private volatile Failure lastError;

  /**
   * Set once nobody will ask again (signed out, replaced): wake-ups stop, the fast path refuses.
   */
  private volatile boolean closed;

  /**
   * The running upstream call that every caller joins instead of making its own; null when none
   * runs. Always cleared when the call ends, however it ends (an {@link Error} included), so no
   * caller ever joins a call that will never complete. Guarded by {@link #lock}.
   */
  private CompletableFuture<Timed<T>> inFlight;

  /** When {@link #inFlight} started ({@link System#nanoTime()}). Guarded by {@link #lock}. */
  private long inFlightSince;

  /**
   * No new call before this instant while a valid value is served: the full jittered back-off.
   * Guarded by {@link #lock}.
   */
  private Instant retryNotBefore = Instant.MIN;

  /**
   * No new call before this instant when callers have no valid value: the back-off capped at {@link
   * #WAITING_BACKOFF_CAP}. Guarded by {@link #lock}.
   */
  private Instant waitingRetryNotBefore = Instant.MIN;

  /** Failed calls in a row, which the back-off grows with. Guarded by {@link #lock}. */
  private int failures;

  /**
   * {@code upstream} fetches a new value; it throws {@link Failure} when it cannot. {@code
   * background} wakes up at each prefetch time so an idle daemon still renews ahead.
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
    boolean valid = cached != null && now.isBefore(cached.expiresAt());
    if (valid && now.isBefore(cached.staleAt())) {
      startRefresh(now, false);
      return cached.value();
    }
    CompletableFuture<Timed<T>> call = startRefresh(now, !valid);
    if (call != null) {
      try {
        if (cached == null && lastError == null) {
          // the very first value: nothing says the upstream is in trouble (a cold start may just
          // be slow), and the upstream clients' own timeouts bound each of its calls
          return call.get().value();
        }
        long patienceNanos = valid ? staleCallersPatienceNanos() : WAITING_PATIENCE.toNanos();
        return call.get(Math.max(patienceNanos, 0), TimeUnit.NANOSECONDS).value();
      } catch (TimeoutException e) {
        if (!valid) {
          throw notAnswering();
        }
      } catch (ExecutionException e) {
        // served from the cache below if it is still valid
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
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

  private long staleCallersPatienceNanos() {
    synchronized (lock) {
      return STALE_PATIENCE.toNanos() - (System.nanoTime() - inFlightSince);
    }
  }

  private Failure notAnswering() {
    Failure previous = lastError;
    return new Failure(
        Failure.Kind.UPSTREAM_UNAVAILABLE,
        ErrorCodes.UPSTREAM_UNAVAILABLE,
        name
            + ": Cognito has not answered within "
            + WAITING_PATIENCE.toSeconds()
            + " s"
            + (previous != null ? " (last failure: " + previous.getMessage() + ")" : "")
            + ": check the network connection; cognito-credsd keeps trying in the background,"
            + " so try again in a moment");
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

  /**
   * Asks upstream now, whatever the back-off says, and waits up to {@code patience} for the answer:
   * joins the running call if there is one, else starts one when {@code start} allows it. For a
   * caller whose cached value is withheld for a reason the cache cannot see (the identity pool's
   * refusal) and who decides itself how often it may ask. Returns whether a call ended within the
   * patience with a new value; its failure, if any, is in {@link #lastError()}.
   */
  public boolean renewNow(boolean start, Duration patience) {
    CompletableFuture<Timed<T>> call;
    boolean started = false;
    synchronized (lock) {
      call = inFlight;
      if (call == null) {
        if (!start || closed) {
          return false;
        }
        call = newCall();
        started = true;
      }
    }
    if (started) {
      log.debug("{}: renewing now, a caller waits", name);
      execute(call);
    }
    try {
      call.get(patience.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
   * The running call, or a new one on the background executor when none runs and the back-off
   * allows it; null when backing off. {@code callersWait} says no valid value is at hand, which
   * shortens the back-off.
   */
  private CompletableFuture<Timed<T>> startRefresh(Instant now, boolean callersWait) {
    CompletableFuture<Timed<T>> call;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      if (now.isBefore(callersWait ? waitingRetryNotBefore : retryNotBefore)) {
        return null;
      }
      call = newCall();
    }
    log.debug("{}: renewing ({})", name, callersWait ? "callers wait" : "ahead, in the background");
    execute(call);
    return call;
  }

  /** The new single flight; the caller holds {@link #lock} and then runs it with execute. */
  private CompletableFuture<Timed<T>> newCall() {
    CompletableFuture<Timed<T>> call = new CompletableFuture<>();
    inFlight = call;
    inFlightSince = System.nanoTime();
    return call;
  }

  private void execute(CompletableFuture<Timed<T>> call) {
    // on a thread of its own, so a caller's patience bounds its wait, not the upstream
    CALLS.execute(() -> run(call));
  }

  private void run(CompletableFuture<Timed<T>> call) {
    try {
      Timed<T> fresh = upstream.get();
      if (fresh == null) {
        throw new IllegalStateException("the upstream call returned nothing");
      }
      succeeded(call, fresh);
    } catch (Throwable thrown) {
      failed(call, thrown);
      if (thrown instanceof VirtualMachineError fatal) {
        throw fatal;
      }
    } finally {
      // whatever went wrong above (even while recording the outcome), no caller may be left
      // joining a call that never completes
      synchronized (lock) {
        if (inFlight == call) {
          inFlight = null;
        }
      }
      if (!call.isDone()) {
        call.completeExceptionally(unexpected(new IllegalStateException("renewal abandoned")));
      }
    }
  }

  private void succeeded(CompletableFuture<Timed<T>> call, Timed<T> fresh) {
    synchronized (lock) {
      current = fresh;
      lastError = null;
      failures = 0;
      retryNotBefore = Instant.MIN;
      waitingRetryNotBefore = Instant.MIN;
      inFlight = null;
    }
    wakeUpAt(fresh.prefetchAt(), fresh);
    call.complete(fresh);
  }

  private void failed(CompletableFuture<Timed<T>> call, Throwable thrown) {
    Failure failure = thrown instanceof Failure known ? known : unexpected(thrown);
    if (!(thrown instanceof Failure)) {
      log.error("{}: unexpected error while renewing", name, thrown);
    }
    Duration wait;
    Duration waitingWait;
    int failuresInARow;
    Timed<T> cached;
    Instant retryAt;
    synchronized (lock) {
      failuresInARow = ++failures;
      cached = current;
      wait = timing.backoff(failuresInARow, cached == null ? null : cached.lifetime());
      waitingWait = timing.backoffCappedAt(failuresInARow, WAITING_BACKOFF_CAP);
      Instant now = clock.instant();
      retryAt = now.plus(wait);
      retryNotBefore = retryAt;
      waitingRetryNotBefore = now.plus(waitingWait);
      lastError = failure;
      inFlight = null;
    }
    log.warn(
        "{}: refresh failed ({} in a row, next try in {} ms, or {} ms for a waiting caller): {}",
        name,
        failuresInARow,
        wait.toMillis(),
        waitingWait.toMillis(),
        failure.getMessage());
    if (cached != null) {
      wakeUpAt(retryAt, cached);
    }
    call.completeExceptionally(failure);
  }

  private Failure unexpected(Throwable thrown) {
    return new Failure(
        Failure.Kind.UPSTREAM_ERROR,
        ErrorCodes.UPSTREAM_ERROR,
        name
            + ": unexpected error: "
            + thrown.getClass().getSimpleName()
            + "; see the daemon's log",
        thrown);
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
              startRefresh(now, false);
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }
}

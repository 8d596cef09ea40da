package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshAheadCacheTest {

  private static final Instant START = Instant.parse("2026-11-30T07:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(START);
  private final RefreshTiming timing = new RefreshTiming(() -> 0.0);
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<Failure> failWith = new AtomicReference<>();

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  /** Each call returns "v1", "v2", … valid for an hour from the clock's now. */
  private final Supplier<RefreshAheadCache.Timed<String>> upstream =
      () -> {
        int call = calls.incrementAndGet();
        Failure failure = failWith.get();
        if (failure != null) {
          throw failure;
        }
        return timing.timed("v" + call, clock.instant(), clock.instant().plus(LIFETIME));
      };

  private RefreshAheadCache<String> cache(Supplier<RefreshAheadCache.Timed<String>> fetch) {
    return new RefreshAheadCache<>("test", fetch, clock, timing, background);
  }

  @Test
  void servesFromMemoryUntilThePrefetchTime() {
    RefreshAheadCache<String> cache = cache(upstream);
    assertThat(cache.get()).isEqualTo("v1");
    clock.advance(Duration.ofMinutes(39));
    for (int i = 0; i < 100; i++) {
      assertThat(cache.get()).isEqualTo("v1");
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void prefetchWindowRenewsInTheBackgroundWhileServingTheCachedValue() {
    RefreshAheadCache<String> cache = cache(upstream);
    cache.get();
    clock.advance(Duration.ofMinutes(41));
    assertThat(cache.get()).isEqualTo("v1");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(cache.get()).isEqualTo("v2"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void renewNowIgnoresTheBackOffStartsOnlyWhenAllowedAndWaitsForTheAnswer() {
    RefreshAheadCache<String> cache = cache(upstream);
    cache.get();
    clock.advance(Duration.ofMinutes(41));
    failWith.set(new Failure(Failure.Kind.UPSTREAM_ERROR, "UpstreamError", "down"));
    cache.get(); // starts the renewal that fails and backs off
    await().until(() -> cache.lastError().isPresent());
    int failed = calls.get();

    assertThat(cache.renewNow(false, Duration.ofSeconds(5)))
        .as("nothing runs and the caller may not start a call")
        .isFalse();
    assertThat(calls).hasValue(failed);
    failWith.set(null);
    assertThat(cache.renewNow(true, Duration.ofSeconds(5)))
        .as("asked at once, back-off or not")
        .isTrue();
    assertThat(calls).hasValue(failed + 1);
    assertThat(cache.get()).isEqualTo("v" + (failed + 1));
  }

  @Test
  void staleValueMakesCallersWaitForAFreshOne() {
    RefreshAheadCache<String> cache = cache(upstream);
    cache.get();
    clock.advance(Duration.ofMinutes(59).plusSeconds(1));
    assertThat(cache.get()).isEqualTo("v2");
  }

  @Test
  void manyWaitingCallersShareOneUpstreamCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RefreshAheadCache<String> cache =
        cache(
            () -> {
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return upstream.get();
            });
    ExecutorService callers = Executors.newFixedThreadPool(64);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(callers.submit(cache::get));
      }
      Thread.sleep(100);
      release.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void failedRefreshKeepsServingTheCachedValueUntilItExpires() {
    RefreshAheadCache<String> cache = cache(upstream);
    cache.get();
    failWith.set(
        new Failure(Failure.Kind.UPSTREAM_UNAVAILABLE, "UpstreamUnavailable", "Cognito is down"));
    clock.advance(Duration.ofMinutes(59).plusSeconds(30));
    assertThat(cache.get()).isEqualTo("v1");
    assertThat(cache.lastError())
        .hasValueSatisfying(error -> assertThat(error).hasMessage("Cognito is down"));
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(cache::get).isInstanceOf(Failure.class).hasMessage("Cognito is down");
  }

  @Test
  void failuresBackOffBeforeTheNextUpstreamCall() {
    RefreshAheadCache<String> cache = cache(upstream);
    failWith.set(
        new Failure(Failure.Kind.UPSTREAM_UNAVAILABLE, "UpstreamUnavailable", "throttled"));
    assertThatThrownBy(cache::get).hasMessage("throttled");
    assertThatThrownBy(cache::get).hasMessage("throttled");
    assertThat(calls).as("second caller inside the back-off").hasValue(1);

    // no jitter: the first wait is half of 1 s, the second half of 2 s
    clock.advance(Duration.ofMillis(501));
    assertThatThrownBy(cache::get).hasMessage("throttled");
    assertThat(calls).hasValue(2);

    clock.advance(Duration.ofMillis(501));
    assertThatThrownBy(cache::get).hasMessage("throttled");
    assertThat(calls).as("back-off doubled to 1 s").hasValue(2);

    failWith.set(null);
    clock.advance(Duration.ofMillis(500));
    assertThat(cache.get()).isEqualTo("v3");
  }

  @Test
  void successAfterFailuresClearsTheError() {
    RefreshAheadCache<String> cache = cache(upstream);
    failWith.set(new Failure(Failure.Kind.UPSTREAM_ERROR, "UpstreamError", "odd answer"));
    assertThatThrownBy(cache::get).isInstanceOf(Failure.class);
    failWith.set(null);
    clock.advance(Duration.ofSeconds(5));
    assertThat(cache.get()).isEqualTo("v2");
    assertThat(cache.lastError()).isEmpty();
    assertThat(cache.current())
        .hasValueSatisfying(
            timed ->
                assertThat(timed.prefetchAt())
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(40))));
  }

  @Test
  void unexpectedExceptionsBecomeUpstreamErrors() {
    RefreshAheadCache<String> cache =
        cache(
            () -> {
              throw new IllegalStateException("bug");
            });
    assertThatThrownBy(cache::get)
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.UPSTREAM_ERROR));
  }

  @Test
  void anErrorThrownByTheUpstreamCallLeavesNoCallInFlight() {
    AtomicReference<Error> error = new AtomicReference<>(new AssertionError("bug"));
    RefreshAheadCache<String> cache =
        cache(
            () -> {
              Error thrown = error.getAndSet(null);
              if (thrown != null) {
                throw thrown;
              }
              return upstream.get();
            });

    assertThatThrownBy(cache::get)
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.UPSTREAM_ERROR);
              assertThat(failure).hasMessageContaining("AssertionError");
            });
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get()).as("the next caller gets a new call, not the dead one").isEqualTo("v1");
  }

  @Test
  void whileTheCachedValueIsValidAHangingUpstreamHoldsUpNoCaller() throws Exception {
    CountDownLatch hang = new CountDownLatch(1);
    AtomicReference<Boolean> hanging = new AtomicReference<>(false);
    AtomicInteger started = new AtomicInteger();
    RefreshAheadCache<String> cache =
        cache(
            () -> {
              started.incrementAndGet();
              if (hanging.get()) {
                try {
                  hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return upstream.get();
            });
    cache.get();
    hanging.set(true);
    try {
      for (Duration at : List.of(Duration.ofMinutes(41), Duration.ofMinutes(59).plusSeconds(30))) {
        clock.set(START.plus(at));
        for (int i = 0; i < 20; i++) {
          long asked = System.nanoTime();
          assertThat(cache.get()).isEqualTo("v1");
          assertThat(Duration.ofNanos(System.nanoTime() - asked))
              .as("answer %d at %s into the value's life", i, at)
              .isLessThan(RefreshAheadCache.STALE_PATIENCE.plusMillis(200));
        }
      }
      assertThat(started).as("one hanging renewal, however many callers").hasValue(2);
    } finally {
      hang.countDown();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(cache.get()).isEqualTo("v2"));
  }

  @Test
  void withoutAValidValueACallerWaitsForAHangingUpstreamOnlyItsPatience() throws Exception {
    CountDownLatch hang = new CountDownLatch(1);
    AtomicReference<Boolean> hanging = new AtomicReference<>(false);
    RefreshAheadCache<String> cache =
        cache(
            () -> {
              if (hanging.get()) {
                try {
                  hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return upstream.get();
            });
    cache.get();
    clock.advance(LIFETIME.plusSeconds(1));
    hanging.set(true);
    try {
      long started = System.nanoTime();
      assertThatThrownBy(cache::get)
          .isInstanceOfSatisfying(
              Failure.class,
              failure -> {
                assertThat(failure.code()).isEqualTo("UpstreamUnavailable");
                assertThat(failure).hasMessageContaining("has not answered");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThan(RefreshAheadCache.WAITING_PATIENCE.plusSeconds(1));
    } finally {
      hang.countDown();
    }
    assertThat(cache.get()).as("the hanging call's answer once it comes").isEqualTo("v2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void afterExpiryTheBackOffStaysShortSoAReturningUpstreamIsNoticedAtOnce() {
    RefreshAheadCache<String> cache = cache(upstream);
    cache.get();
    failWith.set(new Failure(Failure.Kind.UPSTREAM_UNAVAILABLE, "UpstreamUnavailable", "down"));
    // failures in the stale window grow the back-off (no jitter: 0.5 s, 1 s, 2 s, … 30 s); each
    // caller there waits for the call, so each failure is recorded when get() returns
    clock.set(START.plus(Duration.ofMinutes(59)));
    for (int failure = 1; failure <= 7; failure++) {
      assertThat(cache.get()).isEqualTo("v1");
      assertThat(calls).hasValue(1 + failure);
      clock.advance(Duration.ofMillis(500L << (failure - 1)).plusMillis(1));
    }
    // the last back-off (30 s) ends after the value expired: a caller without a valid value
    // must not wait for it
    clock.set(START.plus(LIFETIME).plusMillis(500));
    failWith.set(null);
    assertThat(cache.get()).isEqualTo("v9");
  }
}

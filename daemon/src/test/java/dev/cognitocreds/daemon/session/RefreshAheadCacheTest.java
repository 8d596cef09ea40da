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
}

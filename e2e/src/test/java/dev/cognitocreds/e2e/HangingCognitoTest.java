package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cognito frozen (every call held without an answer, as under SIGSTOP) or throttling, with
 * credentials that live seconds so their whole life fits in a test: while the cached credentials
 * are valid every request is answered from them at once; after they expire a 503 comes within
 * seconds; fresh credentials come within 2 s of Cognito's return; and however many callers wait,
 * the daemon's calls to a throttling Cognito stay few.
 */
class HangingCognitoTest {

  private static final String PROFILE = "acme";
  private static final Duration LIFETIME = Duration.ofSeconds(12);

  private static LocalCognitoInstallation fixture;

  @BeforeAll
  static void start() {
    fixture = LocalCognitoInstallation.demo("hanging", PROFILE, LIFETIME);
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void clearFaults() {
    fixture.cognito().faults().clear();
  }

  @Test
  void aFrozenCognitoHoldsUpNoRequestWhileTheCachedCredentialsAreValid() {
    // fresh credentials, so the whole of their life is ahead
    fixture.installation().restartDaemon();
    Response first = credentials();
    assertThat(first.statusCode()).isEqualTo(200);
    String key = first.jsonPath().getString("AccessKeyId");
    Instant expiration = Instant.parse(first.jsonPath().getString("Expiration"));
    fixture.cognito().faults().set("*", Fault.hangUntilCleared());

    Duration slowest = Duration.ZERO;
    int answers = 0;
    boolean ranCredentialProcess = false;
    while (Instant.now().isBefore(expiration.minusMillis(700))) {
      long started = System.nanoTime();
      Response served = credentials();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(served.statusCode()).as("%s", served.asString()).isEqualTo(200);
      assertThat(served.jsonPath().getString("AccessKeyId")).isEqualTo(key);
      slowest = took.compareTo(slowest) > 0 ? took : slowest;
      answers++;
      if (!ranCredentialProcess && Instant.now().isAfter(expiration.minusSeconds(3))) {
        long asked = System.nanoTime();
        CommandResult process =
            fixture.installation().cli().run("credential-process", "--profile", PROFILE);
        assertThat(process.exitCode()).as("%s", process).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - asked))
            .as("credential-process in the last part of the credentials' life")
            .isLessThan(Duration.ofSeconds(2));
        ranCredentialProcess = true;
      }
      sleep(Duration.ofMillis(100));
    }
    assertThat(ranCredentialProcess).isTrue();
    assertThat(slowest)
        .as("slowest of %d answers while Cognito is frozen and the credentials valid", answers)
        .isLessThan(Duration.ofMillis(1500)); // a hanging call would hold it 4 s and more
    assertThat(fixture.cognito().calls().count("GetCredentialsForIdentity"))
        .as("the renewal was tried, and is held")
        .isPositive();

    await().until(() -> Instant.now().isAfter(expiration.plusMillis(200)));
    long asked = System.nanoTime();
    Response expired = credentials();
    assertThat(Duration.ofNanos(System.nanoTime() - asked))
        .as("answer after expiry")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(expired.statusCode()).as("%s", expired.asString()).isEqualTo(503);
    assertThat(expired.jsonPath().getString("code")).isEqualTo("UpstreamUnavailable");
    assertThat(expired.jsonPath().getString("message")).contains("network connection");

    fixture.cognito().faults().clear();
    long returned = System.nanoTime();
    await("fresh credentials after Cognito's return")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> credentials().statusCode() == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - returned))
        .as("from Cognito's return to fresh credentials")
        .isLessThan(Duration.ofSeconds(2));
    assertThat(credentials().jsonPath().getString("AccessKeyId")).isNotEqualTo(key);
  }

  @Test
  void aThrottlingCognitoSeesFewCallsHoweverManyCallersWait() throws Exception {
    fixture.installation().stopDaemon();
    fixture.cognito().faults().set("GetCredentialsForIdentity", Fault.throttle(1.0));
    fixture.installation().startDaemon();
    // the first answer of a cold daemon, however slow this machine is, before counting
    assertThat(credentials().statusCode()).isEqualTo(503);
    fixture.cognito().calls().reset();

    Duration hammering = Duration.ofSeconds(6);
    AtomicInteger requests = new AtomicInteger();
    List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    Instant until = Instant.now().plus(hammering);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        running.add(
            callers.submit(
                () -> {
                  while (Instant.now().isBefore(until)) {
                    Response answer = credentials();
                    requests.incrementAndGet();
                    refusals.add(answer.statusCode() + " " + answer.jsonPath().getString("code"));
                  }
                  return null;
                }));
      }
      for (Future<?> caller : running) {
        caller.get();
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(refusals).isNotEmpty().containsOnly("503 UpstreamUnavailable");
    long calls = fixture.cognito().calls().count("GetCredentialsForIdentity");
    // at most one renewal per back-off (≥ 0.5 s), each with one retry by the SDK
    assertThat(calls)
        .as("GetCredentialsForIdentity calls for %d requests in %s", requests.get(), hammering)
        .isPositive()
        .isLessThanOrEqualTo(2 * (hammering.toMillis() / 500 + 1));
    assertThat((long) requests.get()).isGreaterThan(3 * calls);
    assertThat(
            String.valueOf(fixture.installation().daemon().profileStatus(PROFILE).get("lastError")))
        .contains("throttling");

    fixture.cognito().faults().clear();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> credentials().statusCode() == 200);
  }

  private static Response credentials() {
    return fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

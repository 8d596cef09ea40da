package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cognito throttles every credential exchange: the daemon keeps serving what it has until it really
 * expires, then says Cognito is unavailable, backs off instead of calling once per request, and
 * recovers by itself.
 */
class UpstreamOutageTest {

  private static final String PROFILE = "acme";
  private static final Duration LIFETIME = Duration.ofSeconds(4);
  private static final int CALLERS = 12;

  private static LocalCognitoInstallation fixture;

  /** What one request got; sent at {@code askedAt}, answered at {@code receivedAt}. */
  private record Answer(
      Instant askedAt, Instant receivedAt, int status, String code, Instant expiration) {}

  @BeforeAll
  static void start() {
    fixture = LocalCognitoInstallation.demo("outage", PROFILE, LIFETIME);
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void cachedCredentialsUntilTheyExpireThen503WithBackOffThenRecovery() throws Exception {
    String before =
        fixture
            .daemon()
            .request()
            .get("/v1/profiles/{p}/credentials", PROFILE)
            .jsonPath()
            .getString("AccessKeyId");
    fixture.cognito().faults().set("GetCredentialsForIdentity", Fault.throttle(1.0));
    fixture.cognito().calls().reset();

    List<Answer> answers = askUntilUnavailableFor(LIFETIME);

    List<Answer> served = answers.stream().filter(answer -> answer.status() == 200).toList();
    List<Answer> refused = answers.stream().filter(answer -> answer.status() != 200).toList();
    assertThat(refused)
        .isNotEmpty()
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(503);
              assertThat(answer.code()).isEqualTo("UpstreamUnavailable");
            });
    assertThat(served)
        .allSatisfy(answer -> assertThat(answer.expiration()).isAfter(answer.askedAt()));
    Instant lastExpiration =
        served.stream().map(Answer::expiration).max(Instant::compareTo).orElseThrow();
    Instant firstRefusal = refused.get(0).receivedAt();
    // Whole-second expirations and the stale window allow a second of slack; not a minute of
    // refusals early.
    assertThat(firstRefusal)
        .as("refused while cached credentials were still valid")
        .isAfter(lastExpiration.minusSeconds(1));
    // Waiting callers share one attempt (the SDK's own retries included) instead of each making
    // their own.
    long exchanges = fixture.cognito().calls().count("GetCredentialsForIdentity");
    assertThat(exchanges)
        .as("attempts during the outage, for %d refused requests", refused.size())
        .isGreaterThanOrEqualTo(1)
        .isLessThan(refused.size());

    CommandResult credentialProcess =
        fixture.installation().cli().run("credential-process", "--profile", PROFILE);
    assertThat(credentialProcess.exitCode()).as("%s", credentialProcess).isEqualTo(6);
    assertThat(credentialProcess.stdout()).isEmpty();

    fixture.cognito().faults().clear();
    await("recovery")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE).statusCode()
                    == 200);
    String after =
        fixture
            .daemon()
            .request()
            .get("/v1/profiles/{p}/credentials", PROFILE)
            .jsonPath()
            .getString("AccessKeyId");
    assertThat(after).isNotEqualTo(before);
  }

  /**
   * Several callers ask until the daemon has refused for {@code refusing} (or 30 s have passed).
   */
  private static List<Answer> askUntilUnavailableFor(Duration refusing) throws Exception {
    List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean done = new AtomicBoolean();
    Instant giveUp = Instant.now().plusSeconds(30);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        running.add(
            callers.submit(
                () -> {
                  while (!done.get() && Instant.now().isBefore(giveUp)) {
                    Answer answer = ask();
                    answers.add(answer);
                    synchronized (answers) {
                      answers.stream()
                          .filter(a -> a.status() != 200)
                          .findFirst()
                          .ifPresent(
                              first -> {
                                if (answer
                                    .receivedAt()
                                    .isAfter(first.receivedAt().plus(refusing))) {
                                  done.set(true);
                                }
                              });
                    }
                    Thread.sleep(50);
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
    List<Answer> inOrder = new ArrayList<>(answers);
    inOrder.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
    return inOrder;
  }

  private static Answer ask() {
    Instant askedAt = Instant.now();
    Response response = fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE);
    Instant receivedAt = Instant.now();
    JsonPath body = response.jsonPath();
    return response.statusCode() == 200
        ? new Answer(askedAt, receivedAt, 200, null, Instant.parse(body.getString("Expiration")))
        : new Answer(askedAt, receivedAt, response.statusCode(), body.getString("code"), null);
  }
}

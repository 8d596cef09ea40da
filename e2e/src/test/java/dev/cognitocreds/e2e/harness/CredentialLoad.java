package dev.cognitocreds.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several callers asking a daemon for one profile's credentials, over and over, for a while: what
 * each saw.
 */
public final class CredentialLoad {

  /**
   * One answer of the credential route. {@code askedAt} is when the request was sent: the daemon
   * answered later, so "not expired at askedAt" cannot fail because this JVM was slow to read the
   * answer.
   */
  public record Observation(Instant askedAt, String accessKeyId, Instant expiration) {}

  private final List<Observation> observations;

  private CredentialLoad(List<Observation> observations) {
    this.observations = observations;
  }

  /** Every answer must be a 200: a caller that gets anything else fails the load. */
  public static CredentialLoad run(Daemon daemon, String profile, int callers, Instant until)
      throws Exception {
    List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        running.add(
            pool.submit(
                () -> {
                  while (Instant.now().isBefore(until)) {
                    observations.add(fetch(daemon, profile));
                    Thread.sleep(100);
                  }
                  return null;
                }));
      }
      for (Future<?> caller : running) {
        caller.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Observation> inOrder = new ArrayList<>(observations);
    inOrder.sort(Comparator.comparing(Observation::askedAt));
    return new CredentialLoad(inOrder);
  }

  private static Observation fetch(Daemon daemon, String profile) {
    Instant askedAt = Instant.now();
    Response response = daemon.request().get("/v1/profiles/{p}/credentials", profile);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonPath body = response.jsonPath();
    return new Observation(
        askedAt, body.getString("AccessKeyId"), Instant.parse(body.getString("Expiration")));
  }

  public List<Observation> observations() {
    return observations;
  }

  /** The access key ids in the order they were first served. */
  public List<String> keys() {
    return new ArrayList<>(firstSeen().keySet());
  }

  public Instant firstSeen(String accessKeyId) {
    return firstSeen().get(accessKeyId);
  }

  public Instant expirationOf(String accessKeyId) {
    return observations.stream()
        .filter(seen -> seen.accessKeyId().equals(accessKeyId))
        .findFirst()
        .orElseThrow()
        .expiration();
  }

  private Map<String, Instant> firstSeen() {
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    observations.forEach(seen -> firstSeen.putIfAbsent(seen.accessKeyId(), seen.askedAt()));
    return firstSeen;
  }

  /** No caller was ever served credentials that had already expired. */
  public void assertNeverExpiredWhenServed() {
    assertThat(observations)
        .isNotEmpty()
        .allSatisfy(
            seen ->
                assertThat(seen.expiration())
                    .as("served %s after it expired", seen.accessKeyId())
                    .isAfter(seen.askedAt()));
  }

  /** Each new key was served while the one it replaced was still valid. */
  public void assertEachKeyReplacedBeforeItExpired() {
    List<String> keys = keys();
    for (int i = 1; i < keys.size(); i++) {
      assertThat(firstSeen(keys.get(i)))
          .as("%s replaced %s before it expired", keys.get(i), keys.get(i - 1))
          .isBefore(expirationOf(keys.get(i - 1)));
    }
  }
}

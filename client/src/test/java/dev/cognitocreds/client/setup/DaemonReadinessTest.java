package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.daemon.DaemonStartHint;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.contract.FileLocations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonReadinessTest {

  @TempDir Path home;

  DaemonClient client() {
    Map<String, String> env =
        Map.of(
            "HOME",
            home.toString(),
            "XDG_STATE_HOME",
            home.resolve("state").toString(),
            "XDG_RUNTIME_DIR",
            home.resolve("run").toString());
    return new DaemonClient(
        FileLocations.of(env, "Linux", home.toString()), DaemonStartHint.of(env, "Linux"));
  }

  @Test
  void answersWithTheEndpointOnceHealthzAnswers() throws Exception {
    try (StubDaemon daemon = new StubDaemon(home)) {
      daemon.reply("GET", "/healthz", 200, "{\"status\":\"ok\"}");

      assertThat(DaemonReadiness.of(client()).await(Duration.ofSeconds(5)))
          .hasValueSatisfying(endpoint -> assertThat(endpoint).startsWith("http://127.0.0.1:"));
    }
  }

  @Test
  void givesUpAfterTheTimeoutWhenNothingStarts() {
    long start = System.nanoTime();

    assertThat(DaemonReadiness.of(client()).await(Duration.ofMillis(500))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
  }
}

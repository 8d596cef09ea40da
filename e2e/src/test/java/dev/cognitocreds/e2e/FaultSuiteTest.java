package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.ProcessTree;
import dev.cognitocreds.e2e.harness.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenarios of the fault suite ({@code tools/faults/fault_suite.py}, which {@code
 * tools/fault-suite.sh} runs at full size) with small counts, against the distribution and a
 * standalone local-cognito: malformed HTTP requests, {@code kill -9} of the daemon while it rotates
 * refresh tokens and while it saves a sign-in, and the keychain (a real gnome-keyring, apt packages
 * {@code gnome-keyring dbus-daemon dbus-bin}) gone while the daemon runs.
 */
class FaultSuiteTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MINUTES = 10;

  @Test
  void malformedRequestsGetNoServerErrorButA505AndTheDaemonServesOn() throws Exception {
    JsonNode figures = scenario("malformed=1000");

    assertThat(figures.path("error").isMissingNode()).as(figures.toString()).isTrue();
    assertThat(figures.path("sent").asInt()).isEqualTo(1000);
    assertThat(figures.path("five_xx").asInt())
        .as("5xx answers other than 505, by kind: %s", figures.path("five_xx_kinds"))
        .isZero();
    assertThat(figures.path("http_505").asInt()).as("bad versions are 505").isPositive();
    assertThat(figures.path("statuses").path("400").asInt()).isPositive();
    assertThat(figures.path("daemon_alive").asBoolean()).isTrue();
    assertThat(figures.path("healthz").asInt()).isEqualTo(200);
    assertThat(figures.path("still_serving").asInt())
        .as("the signed-in profile is still served")
        .isEqualTo(200);
    assertThat(figures.path("rss_after_mib").asDouble()).isLessThanOrEqualTo(128.0);
  }

  @Test
  void killNineWhileRotatingAndWhileSigningInLosesNoSession() throws Exception {
    JsonNode figures = scenario("kill9=10");

    assertThat(figures.path("error").isMissingNode()).as(figures.toString()).isTrue();
    assertThat(figures.path("kills").asInt()).isEqualTo(10);
    assertThat(
            figures.path("killed_while_rotating").asInt()
                + figures.path("killed_while_signing_in").asInt())
        .as("kills at the moments that matter")
        .isPositive();
    assertThat(figures.path("session_files_broken").asInt()).isZero();
    assertThat(figures.path("sessions_lost").asInt())
        .as("sessions lost: %s", figures.path("lost"))
        .isZero();
  }

  @Test
  void theKeychainGoneMidRunCostsNoSessionAndTheTokenMovesBackWhenItReturns() throws Exception {
    JsonNode figures = scenario("keychain-gone");

    assertThat(figures.path("error").isMissingNode()).as(figures.toString()).isTrue();
    assertThat(figures.path("skipped").isMissingNode()).as(figures.toString()).isTrue();
    assertThat(figures.path("before").asText()).isEqualTo("SIGNED_IN/keychain token_in_file=False");
    assertThat(figures.path("cached").asText()).as("cached credentials").startsWith("200/");
    assertThat(figures.path("sign-in").asText()).startsWith("200/");
    assertThat(figures.path("after-sign-in").asText())
        .as("the new session saved to the private file")
        .endsWith("token_in_file=True");
    assertThat(figures.path("rotations").asInt()).as("a rotation saved without it").isOne();
    assertThat(figures.path("after-restart").asText())
        .isEqualTo("SIGNED_IN/file token_in_file=True");
    assertThat(figures.path("keychain-back").asText()).startsWith("200/");
    assertThat(figures.path("after-return").asText())
        .as("the token moved back into the keychain")
        .isEqualTo("SIGNED_IN/keychain token_in_file=False");
    assertThat(figures.path("sessions_lost").asInt()).isZero();
  }

  /** Runs one scenario of the suite and returns its figures. */
  private static JsonNode scenario(String scenario) throws IOException, InterruptedException {
    Path repository = Distribution.root().getParent().getParent().getParent();
    Path jar = repository.resolve("local-cognito/target/local-cognito.jar");
    assertThat(jar).as("the standalone local-cognito (./mvnw package builds it)").exists();
    Path out = Files.createTempFile("fault-suite-", ".json");
    Path err = Files.createTempFile("fault-suite-", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      "python3",
                      repository.resolve("tools/faults/fault_suite.py").toString(),
                      "--dist",
                      Distribution.root().toString(),
                      "--local-cognito",
                      jar.toString(),
                      "--json",
                      scenario))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().clear();
      builder.environment().putAll(TempHome.withoutAwsSettings());
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        ProcessTree.kill(process);
        throw new AssertionError(scenario + " still running after 10 minutes");
      }
      String output = Files.readString(out).strip();
      assertThat(output).as("figures; stderr: %s", Files.readString(err)).isNotEmpty();
      return JSON.readTree(output);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}

package dev.cognitocreds.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real bash launchers of packaging/src/bin with nothing but the given environment. */
final class Launchers {
  static final Path BIN = Path.of("").toAbsolutePath().resolve("../packaging/src/bin").normalize();
  static final Path CLIENT = BIN.resolve("cognito-creds");
  static final Path DAEMON = BIN.resolve("cognito-credsd");

  /** Sourced by both launchers from their installation's {@code lib/}. */
  static final Path JAVA_RUNTIME = BIN.resolveSibling("lib").resolve("java-runtime.sh");

  /** Fails rather than hangs: stdin is closed and the run is bounded. */
  static ClientRun.Result run(Path script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    boolean finished = process.waitFor(30, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("launcher finished").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new ClientRun.Result(process.exitValue(), out, err);
  }

  private Launchers() {}
}

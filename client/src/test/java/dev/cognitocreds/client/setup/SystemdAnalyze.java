package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code systemd-analyze} on a unit file; tests fail loudly when it is not installed.
 */
final class SystemdAnalyze {

  record Result(int exitCode, String output) {}

  private SystemdAnalyze() {}

  static Result run(Path runtimeDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("systemd-analyze");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // A --user analysis needs a runtime folder, which a CI container does not have.
    pb.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return fail(
          "systemd-analyze is not installed: run `apt-get install -y systemd` ("
              + e.getMessage()
              + ")");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return fail("systemd-analyze did not finish within 60 s");
    }
    return new Result(p.exitValue(), output);
  }

  static Path fakeDaemon(Path dir) throws IOException {
    Path daemon = dir.resolve("bin with space").resolve("cognito-credsd");
    Files.createDirectories(daemon.getParent());
    Files.writeString(daemon, "#!/bin/sh\nexit 0\n");
    daemon.toFile().setExecutable(true);
    return daemon;
  }
}

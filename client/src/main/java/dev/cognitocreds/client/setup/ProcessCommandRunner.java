package dev.cognitocreds.client.setup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, with their stderr folded into the output. The output goes to a
 * private temporary file rather than a pipe, so that a child that hangs (or leaves a grandchild
 * holding its output open) cannot outlast the timeout: past it, the child and its descendants are
 * killed and the result is a failure (exit code 124, as timeout(1) reports it).
 */
final class ProcessCommandRunner implements CommandRunner {

  /** The exit code of a command that did not finish in time. */
  static final int TIMED_OUT = 124;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Duration timeout;

  ProcessCommandRunner() {
    this(TIMEOUT);
  }

  ProcessCommandRunner(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Result run(List<String> command) {
    Path output;
    try {
      output = Files.createTempFile("cognito-creds-command", ".out"); // rw------- on POSIX
    } catch (IOException e) {
      return new Result(
          1,
          "cannot run " + command.get(0) + ": no temporary file for its output: " + e.getMessage());
    }
    Process process = null;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        return new Result(
            TIMED_OUT, String.join(" ", command) + " did not finish within " + shown(timeout));
      }
      return new Result(
          process.exitValue(),
          new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return new Result(
          process == null ? NOT_FOUND : 1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      return new Result(130, "interrupted while running " + command.get(0));
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // a leftover empty-ish file in the temporary folder; nothing to tell the person
      }
    }
  }

  /**
   * The descendants first, listed while the child still holds them (once it dies they are
   * re-parented).
   */
  private static void killTree(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String shown(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}

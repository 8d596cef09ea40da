package dev.cognitocreds.client.setup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs service-manager commands, echoing each so the person sees what was done to their session.
 */
final class ServiceCommands {

  static final Duration STARTUP = Duration.ofSeconds(20);

  private final CommandRunner runner;
  private final PrintWriter out;

  ServiceCommands(CommandRunner runner, PrintWriter out) {
    this.runner = runner;
    this.out = out;
  }

  CommandRunner.Result run(String... command) {
    out.println("$ " + String.join(" ", command));
    CommandRunner.Result result = runner.run(List.of(command));
    if (!result.output().isBlank()) {
      result.output().lines().forEach(l -> out.println("  " + l));
    }
    out.flush();
    return result;
  }

  /** Runs the command and turns a failure into an error that says what to try. */
  void require(String advice, String... command) {
    CommandRunner.Result result = run(command);
    if (!result.ok()) {
      throw new SetupException(
          String.join(" ", command)
              + " failed (exit "
              + result.exitCode()
              + ")"
              + (advice.isEmpty() ? "" : ": " + advice));
    }
  }

  /** Runs the command without echoing it: for questions, not actions. */
  CommandRunner.Result ask(String... command) {
    return runner.run(List.of(command));
  }

  /** Deletes a service definition this tool wrote; the daemon's state lives elsewhere and stays. */
  void removeDefinition(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new SetupException("cannot remove " + file + ": " + e.getMessage());
    }
    out.println(file + ": removed (sessions and the auth token are kept)");
  }

  static void requireInstalled(Path definition) {
    if (!Files.exists(definition)) {
      throw new SetupException(
          "the user service is not installed (no "
              + definition
              + "):"
              + " run `cognito-creds service install`");
    }
  }

  /** After a start: a daemon that does not answer is reported with where its log is. */
  static void requireAnswer(DaemonReadiness readiness, PrintWriter out, String logHint) {
    String endpoint =
        readiness
            .await(STARTUP)
            .orElseThrow(
                () ->
                    new SetupException(
                        "the service was started but cognito-credsd does not answer after "
                            + STARTUP.toSeconds()
                            + " s: "
                            + logHint));
    out.println("cognito-credsd answers at " + endpoint);
    out.flush();
  }
}

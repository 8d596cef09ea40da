package dev.cognitocreds.client.setup;

import java.util.List;

/**
 * Runs a service manager's command ({@code systemctl}, {@code launchctl}); tests record instead.
 */
interface CommandRunner {

  /** The exit code of a program that is not there (as a shell reports it). */
  int NOT_FOUND = 127;

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs the command to its end; an argument never carries a secret. */
  Result run(List<String> command);
}

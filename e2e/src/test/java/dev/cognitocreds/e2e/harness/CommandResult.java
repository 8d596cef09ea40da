package dev.cognitocreds.e2e.harness;

/**
 * What a finished command left behind; {@link #toString()} is what a failed assertion should show.
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }
}

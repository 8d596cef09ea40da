package dev.cognitocreds.e2e.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code bin/cognito-creds} run as a separate process inside a {@link TempHome}. */
public final class Cli {

  private final TempHome home;

  public Cli(TempHome home) {
    this.home = home;
  }

  public CommandResult run(String... args) {
    return runWithInput(null, args);
  }

  public CommandResult runWithInput(String stdin, String... args) {
    return runWithEnvironment(Map.of(), stdin, args);
  }

  public CommandResult runWithEnvironment(
      Map<String, String> extraEnvironment, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Distribution.client().toString());
    command.addAll(List.of(args));
    Map<String, String> environment = home.environment();
    environment.putAll(extraEnvironment);
    return Command.run(command, environment, stdin);
  }

  /**
   * {@code login --password-stdin}: the password on the first line, then one line per field Cognito
   * asks for (the new password at the first sign-in), as docs/protocol.md specifies.
   */
  public CommandResult login(String profile, String username, String... stdinLines) {
    return runWithInput(
        String.join("\n", stdinLines) + "\n",
        "login",
        "--profile",
        profile,
        "--username",
        username,
        "--password-stdin");
  }
}

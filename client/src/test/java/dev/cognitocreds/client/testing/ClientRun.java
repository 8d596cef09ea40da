package dev.cognitocreds.client.testing;

import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.CognitoCreds;
import dev.cognitocreds.client.prompt.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Runs {@code cognito-creds ARGS} in-process through the real root command, on Linux, at the fixed
 * instant {@link #NOW}, and captures what it printed.
 */
public final class ClientRun {
  public static final Instant NOW = Instant.parse("2026-11-30T07:19:00Z");

  /** The exit code and everything printed on stdout and stderr. */
  public record Result(int exitCode, String out, String err) {}

  /** Without a terminal and with nothing on stdin. */
  public static Result run(Map<String, String> env, String... args) {
    return withStdin(env, "", args);
  }

  /** Without a terminal; {@code stdin} is all standard input holds. */
  public static Result withStdin(Map<String, String> env, String stdin, String... args) {
    return execute(env, stdin, null, args);
  }

  public static Result withTerminal(Map<String, String> env, Terminal terminal, String... args) {
    return execute(env, "", terminal, args);
  }

  private static Result execute(
      Map<String, String> env, String stdin, Terminal terminal, String... args) {
    ClientContext context =
        new ClientContext(
            env,
            "Linux",
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            terminal,
            Clock.fixed(NOW, ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        CognitoCreds.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private ClientRun() {}
}

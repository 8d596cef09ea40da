package dev.cognitocreds.client;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the client in-process, without a terminal, and captures what it printed. */
final class ClientRun {
  static final Instant NOW = Instant.parse("2026-11-30T07:19:00Z");

  record Result(int exitCode, String out, String err) {}

  static Result withStdin(Map<String, String> env, String stdin, String... args) {
    return execute(env, stdin, null, args);
  }

  static Result withTerminal(Map<String, String> env, Terminal terminal, String... args) {
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

  static Result run(Map<String, String> env, String... args) {
    return withStdin(env, "", args);
  }

  private ClientRun() {}
}

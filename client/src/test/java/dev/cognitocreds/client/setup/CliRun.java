package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.CognitoCreds;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Runs {@code cognito-creds ARGS} in-process through the real root command and captures its output.
 */
record CliRun(int exitCode, String out, String err) {

  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  static CliRun of(Map<String, String> env, String stdin, String... args) {
    ClientContext context =
        new ClientContext(
            env,
            "Linux",
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            null,
            Clock.fixed(NOW, ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CognitoCreds.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}

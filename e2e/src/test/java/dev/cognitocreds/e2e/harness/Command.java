package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion with a given environment and stdin. */
public final class Command {

  private static final long TIMEOUT_SECONDS = 120;

  private Command() {}

  public static CommandResult run(
      List<String> command, Map<String, String> environment, String stdin) {
    try {
      Path out = Files.createTempFile("e2e-cmd-", ".out");
      Path err = Files.createTempFile("e2e-cmd-", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException closedEarly) {
          // The command may exit without reading its input; its exit code tells the rest.
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          ProcessTree.kill(process);
          throw new AssertionError(
              command
                  + " did not finish within "
                  + TIMEOUT_SECONDS
                  + " s; stderr: "
                  + Files.readString(err));
        }
        return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

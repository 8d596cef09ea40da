package dev.cognitocreds.client.prompt;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stdin's lines, read on a background thread so that waiting for one has a limit: a CI runner that
 * leaves stdin open and writes nothing gets an error, not a command that hangs until it is killed.
 */
final class StdinLines {
  /** Read ahead; an empty one marks the end of input or a read error. */
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();

  private final InputStream stdin;
  private Thread reader;

  StdinLines(InputStream stdin) {
    this.stdin = stdin;
  }

  /**
   * The next line; empty at end of input; a {@link ClientException} (exit 2) when none arrives in
   * time.
   */
  Optional<String> next(Duration patience, String what) {
    startReading();
    Optional<String> line;
    try {
      line = lines.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(
          ExitCodes.ERROR, "interrupted while waiting for " + what + " on stdin");
    }
    if (line == null) {
      throw new ClientException(
          ExitCodes.USAGE,
          "no line with "
              + what
              + " arrived on stdin within "
              + patience.toSeconds()
              + " s: give every answer on stdin, or close it");
    }
    if (line.isEmpty()) {
      lines.add(line); // every later call sees the end too
    }
    return line;
  }

  private synchronized void startReading() {
    if (reader != null) {
      return;
    }
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(Optional.of(line));
                }
              } catch (IOException e) {
                // treated as the end of input: the command then says which answer is missing
              }
              lines.add(Optional.empty());
            },
            "stdin-lines");
    reader.setDaemon(true);
    reader.start();
  }
}

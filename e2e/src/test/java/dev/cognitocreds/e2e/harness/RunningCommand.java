package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cognito-creds} still running, for conversations whose next answer the test only learns
 * while the command waits (a code in local-cognito's outbox, a secret it prints): write a line,
 * wait for output. {@link #inTerminal} runs it in a pseudo-terminal through util-linux {@code
 * script}, as a person would.
 */
public final class RunningCommand implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final OutputStream stdin;
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final List<Thread> readers = new ArrayList<>();

  private RunningCommand(List<String> command, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stdin = process.getOutputStream();
    readers.add(pump(process.getInputStream(), stdout));
    readers.add(pump(process.getErrorStream(), stderr));
  }

  /** {@code cognito-creds ARGS} with pipes for stdin, stdout and stderr. */
  public static RunningCommand client(TempHome home, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Distribution.client().toString());
    command.addAll(List.of(args));
    return new RunningCommand(command, home.environment());
  }

  /** {@code cognito-creds ARGS} on a pseudo-terminal (stdout and stderr both arrive as stdout). */
  public static RunningCommand inTerminal(TempHome home, String... args) {
    StringBuilder line = new StringBuilder(quote(Distribution.client().toString()));
    for (String arg : args) {
      line.append(' ').append(quote(arg));
    }
    Map<String, String> environment = home.environment();
    environment.put("TERM", "dumb");
    return new RunningCommand(List.of("script", "-qec", line.toString(), "/dev/null"), environment);
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  public void writeLine(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the command (it exited?): " + this, e);
    }
  }

  /** Waits until stdout or stderr shows {@code fragment}; returns all output so far. */
  public String awaitOutput(String fragment) {
    return awaitOutput(fragment, 1);
  }

  /**
   * Waits until stdout and stderr together show {@code fragment} {@code times} times (a prompt
   * asked again).
   */
  public String awaitOutput(String fragment, int times) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (occurrences(output(), fragment) < times) {
      if (!process.isAlive() && readersDone()) {
        throw new AssertionError("the command exited before printing '" + fragment + "': " + this);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no '" + fragment + "' within " + TIMEOUT + ": " + this);
      }
      sleep(20);
    }
    return output();
  }

  private static int occurrences(String text, String fragment) {
    int count = 0;
    for (int at = text.indexOf(fragment);
        at >= 0;
        at = text.indexOf(fragment, at + fragment.length())) {
      count++;
    }
    return count;
  }

  public String output() {
    return stdout + "\n" + stderr;
  }

  /** Closes stdin and waits for the exit. */
  public CommandResult finish() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already exited
    }
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        ProcessTree.kill(process);
        throw new AssertionError("the command did not finish within " + TIMEOUT + ": " + this);
      }
      for (Thread reader : readers) {
        reader.join(TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new CommandResult(process.exitValue(), stdout.toString(), stderr.toString());
  }

  private boolean readersDone() {
    return readers.stream().noneMatch(Thread::isAlive);
  }

  private static Thread pump(InputStream from, StringBuffer into) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException ignored) {
                // the process went away
              }
            },
            "command-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      ProcessTree.kill(process);
    }
  }
}

package dev.cognitocreds.client.prompt;

import java.io.Console;

/** The person at the keyboard: what the login conversation prompts on. */
public interface Terminal {

  /** The typed line, or {@code null} at end of input (Ctrl-D). */
  String readLine(String prompt);

  /** The typed secret, read without echo, or {@code null} at end of input. */
  char[] readSecret(String prompt);

  void println(String line);

  /** The JVM's console, or {@code null} when stdin or stdout is not a terminal. */
  static Terminal ofConsole(Console console) {
    if (console == null) {
      return null;
    }
    return new Terminal() {
      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }

      @Override
      public char[] readSecret(String prompt) {
        return console.readPassword("%s", prompt);
      }

      @Override
      public void println(String line) {
        console.printf("%s%n", line);
      }
    };
  }
}

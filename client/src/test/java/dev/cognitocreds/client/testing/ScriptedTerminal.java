package dev.cognitocreds.client.testing;

import dev.cognitocreds.client.prompt.Terminal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A terminal whose person types the given lines in order; it records every prompt and message. */
public final class ScriptedTerminal implements Terminal {
  public final List<String> prompts = new ArrayList<>();
  public final List<String> secretPrompts = new ArrayList<>();
  public final List<String> printed = new ArrayList<>();
  private final Deque<String> typed;

  public ScriptedTerminal(String... typed) {
    this.typed = new ArrayDeque<>(List.of(typed));
  }

  @Override
  public String readLine(String prompt) {
    prompts.add(prompt);
    return typed.poll();
  }

  @Override
  public char[] readSecret(String prompt) {
    secretPrompts.add(prompt);
    String line = typed.poll();
    return line == null ? null : line.toCharArray();
  }

  @Override
  public void println(String line) {
    printed.add(line);
  }
}

package dev.cognitocreds.client.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stands in for systemctl and launchctl: records each command and answers from a script. */
final class RecordingRunner implements CommandRunner {

  final List<String> commands = new ArrayList<>();
  private final Map<String, Result> answers = new HashMap<>();

  RecordingRunner answer(String command, int exitCode, String output) {
    answers.put(command, new Result(exitCode, output));
    return this;
  }

  @Override
  public Result run(List<String> command) {
    String line = String.join(" ", command);
    commands.add(line);
    return answers.getOrDefault(line, new Result(0, ""));
  }
}

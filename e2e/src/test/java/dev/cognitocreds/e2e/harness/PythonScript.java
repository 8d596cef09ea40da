package dev.cognitocreds.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A script from {@code e2e/src/test/python}, run with the {@code python3} on PATH (CI has boto3 and
 * moto).
 */
public final class PythonScript {

  private PythonScript() {}

  public static CommandResult run(String script, Map<String, String> environment, String... args) {
    Path file =
        Path.of(System.getProperty("cognitocreds.python", "src/test/python")).resolve(script);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no python script " + file);
    }
    List<String> command = new ArrayList<>(List.of("python3", file.toString()));
    command.addAll(List.of(args));
    return Command.run(command, environment, null);
  }
}

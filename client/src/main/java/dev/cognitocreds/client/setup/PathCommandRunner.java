package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a program found through the person's PATH (the one the command was given), as their shell
 * would, rather than through this JVM's: doctor looks at the person's environment, and tests give
 * it one with stand-in programs.
 */
record PathCommandRunner(String pathVariable, CommandRunner delegate) implements CommandRunner {

  @Override
  public Result run(List<String> command) {
    String program = command.get(0);
    if (program.contains("/")) {
      return delegate.run(command);
    }
    Optional<Path> found = ExecutableLookup.onPath(pathVariable, program);
    if (found.isEmpty()) {
      return new Result(NOT_FOUND, program + ": not found on PATH");
    }
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, found.get().toString());
    return delegate.run(resolved);
  }
}

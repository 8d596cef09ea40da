package dev.cognitocreds.client;

import dev.cognitocreds.contract.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and its documented exit code. Daemon messages are
 * printed as they are: they already say what to do.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception failure, CommandLine command, ParseResult parseResult) {
    if (failure instanceof ClientException clientFailure) {
      command.getErr().println(clientFailure.getMessage());
      command.getErr().flush();
      return clientFailure.exitCode();
    }
    command
        .getErr()
        .println(
            "cognito-creds: unexpected "
                + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    command.getErr().flush();
    return ExitCodes.ERROR;
  }
}

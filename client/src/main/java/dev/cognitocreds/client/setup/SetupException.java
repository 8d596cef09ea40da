package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;

/** A setup step that cannot go on; the message says what to do about it and names no secret. */
class SetupException extends ClientException {
  SetupException(String message) {
    super(ExitCodes.ERROR, message);
  }

  static SetupException usage(String message) {
    return new SetupException(ExitCodes.USAGE, message);
  }

  private SetupException(int exitCode, String message) {
    super(exitCode, message);
  }
}

package dev.cognitocreds.client.daemon;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;

/** The daemon has no endpoint file, or nothing answers at its address. */
public final class DaemonNotRunningException extends ClientException {
  DaemonNotRunningException(String why, DaemonStartHint hint) {
    super(
        ExitCodes.DAEMON_NOT_RUNNING,
        "cognito-credsd is not running (" + why + "). " + hint.sentence());
  }
}

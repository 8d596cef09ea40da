package dev.cognitocreds.client.daemon;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;

/** The daemon answered with an error body {@code {"code": ..., "message": ...}}. */
public final class DaemonErrorException extends ClientException {
  private final int httpStatus;
  private final String code;

  DaemonErrorException(int httpStatus, String code, String message) {
    super(ExitCodes.forDaemonError(httpStatus, code), message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }
}

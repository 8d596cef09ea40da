package dev.cognitocreds.client;

/**
 * The exit codes scripts rely on (docs/protocol.md, "Client exit codes"). The bash fast path in
 * packaging/src/bin/cognito-creds maps daemon answers the same way as {@link #forDaemonError}.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int DAEMON_NOT_RUNNING = 3;
  public static final int SIGNED_OUT = 4;
  public static final int SIGN_IN_REFUSED = 5;
  public static final int UPSTREAM_UNAVAILABLE = 6;
  public static final int CREDENTIALS_REFUSED = 7;

  private ExitCodes() {}

  /** Maps a daemon error answer (HTTP status and the JSON {@code code}) to an exit code. */
  public static int forDaemonError(int httpStatus, String code) {
    switch (httpStatus) {
      case 409:
        return SIGNED_OUT;
      case 400:
      case 410:
        return SIGN_IN_REFUSED;
      case 401:
        return "NotAuthorizedException".equals(code) ? SIGN_IN_REFUSED : ERROR;
      case 403:
        return "CredentialsRefused".equals(code) ? CREDENTIALS_REFUSED : ERROR;
      case 502:
      case 503:
        return UPSTREAM_UNAVAILABLE;
      default:
        return ERROR;
    }
  }
}

package dev.cognitocreds.contract;

import java.util.List;

/**
 * The client's exit codes, which scripts rely on (docs/protocol.md, "Client exit codes"), and how a
 * daemon error answer maps to one. The launchers' {@code cc_exit_code} is rendered from {@link
 * #DAEMON_ERRORS} by {@link LauncherContract}.
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

  /** A browser sign-in that did not come back before {@code login --timeout}. */
  public static final int TIMED_OUT = 8;

  /**
   * One row of the mapping: an HTTP status, with a {@code code} or with any code ({@code null}),
   * and its exit code.
   */
  public record DaemonError(int httpStatus, String code, int exitCode) {
    boolean matches(int status, String answeredCode) {
      return httpStatus == status && (code == null || code.equals(answeredCode));
    }
  }

  /** Daemon error answers to exit codes, the first matching row wins; no row: {@link #ERROR}. */
  public static final List<DaemonError> DAEMON_ERRORS =
      List.of(
          new DaemonError(409, null, SIGNED_OUT),
          // a profile whose keys are broken or missing: fixed in the configuration, not by retrying
          new DaemonError(422, null, USAGE),
          new DaemonError(400, null, SIGN_IN_REFUSED),
          new DaemonError(410, null, SIGN_IN_REFUSED),
          new DaemonError(401, ErrorCodes.NOT_AUTHORIZED, SIGN_IN_REFUSED),
          new DaemonError(403, ErrorCodes.CREDENTIALS_REFUSED, CREDENTIALS_REFUSED),
          new DaemonError(502, null, UPSTREAM_UNAVAILABLE),
          new DaemonError(503, null, UPSTREAM_UNAVAILABLE));

  private ExitCodes() {}

  /** The exit code for a daemon error answer: its HTTP status and the JSON {@code code}. */
  public static int forDaemonError(int httpStatus, String code) {
    for (DaemonError row : DAEMON_ERRORS) {
      if (row.matches(httpStatus, code)) {
        return row.exitCode();
      }
    }
    return ERROR;
  }
}

package dev.cognitocreds.publisher;

/**
 * A failure a publisher can act on: the message says what went wrong and what to do next, and the
 * exit code is the one the command ends with. Never carries a secret.
 */
public final class PublisherException extends RuntimeException {

  public static final int ERROR = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  public PublisherException(String message) {
    this(ERROR, message, null);
  }

  public PublisherException(int exitCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
  }

  public static PublisherException usage(String message) {
    return new PublisherException(USAGE, message, null);
  }

  public int exitCode() {
    return exitCode;
  }
}

package dev.cognitocreds.client;

/**
 * A failure that ends a command with a message for the person and a documented exit code. Messages
 * never carry a secret: they are printed as they are.
 */
public class ClientException extends RuntimeException {
  private final int exitCode;

  public ClientException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

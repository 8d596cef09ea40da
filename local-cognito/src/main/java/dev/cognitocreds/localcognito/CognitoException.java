package dev.cognitocreds.localcognito;

/**
 * An error answered the way Cognito answers it: HTTP status, {@code __type} and {@code message}.
 * Messages are Cognito's own wording so that clients can be tested against them.
 */
public final class CognitoException extends RuntimeException {
  private final String type;
  private final int status;

  public CognitoException(String type, String message) {
    this(type, message, 400);
  }

  public CognitoException(String type, String message, int status) {
    super(message);
    this.type = type;
    this.status = status;
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public static CognitoException invalidParameter(String message) {
    return new CognitoException("InvalidParameterException", message);
  }

  public static CognitoException notAuthorized(String message) {
    return new CognitoException("NotAuthorizedException", message);
  }

  public static CognitoException resourceNotFound(String message) {
    return new CognitoException("ResourceNotFoundException", message);
  }
}

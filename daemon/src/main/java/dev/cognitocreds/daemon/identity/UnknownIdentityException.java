package dev.cognitocreds.daemon.identity;

/** The remembered identity id no longer exists in the identity pool: ask for a new one. */
public final class UnknownIdentityException extends RuntimeException {

  public UnknownIdentityException(String identityId, Throwable cause) {
    super("identity " + identityId + " is unknown to the identity pool", cause);
  }
}

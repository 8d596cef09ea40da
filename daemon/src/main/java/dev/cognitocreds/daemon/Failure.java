package dev.cognitocreds.daemon;

import dev.cognitocreds.contract.ErrorCodes;

/**
 * A failure a person can act on. Every layer throws this with a {@link Kind}; only the http layer
 * turns the kind into a status code. The message is shown to people as is, so it must never carry a
 * secret.
 */
public final class Failure extends RuntimeException {

  /** What went wrong, independent of transport. */
  public enum Kind {
    BAD_REQUEST,
    PROFILE_NOT_FOUND,
    INVALID_PROFILE,
    SIGNED_OUT,
    SIGN_IN_REFUSED,
    SIGN_IN_REJECTED,
    CONVERSATION_EXPIRED,
    REGISTRY_REFUSED,
    UPSTREAM_UNAVAILABLE,
    UPSTREAM_ERROR,
    /** The identity pool refuses credentials for a valid ID token (licence revoked, no rule). */
    CREDENTIALS_REFUSED
  }

  private final Kind kind;
  private final String code;

  public Failure(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Failure(Kind kind, String code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public static Failure profileNotFound(String message) {
    return new Failure(Kind.PROFILE_NOT_FOUND, ErrorCodes.PROFILE_NOT_FOUND, message);
  }

  public static Failure signedOut(String profile) {
    return new Failure(
        Kind.SIGNED_OUT,
        ErrorCodes.SIGNED_OUT,
        "profile "
            + profile
            + " is signed out: run `cognito-creds login --profile "
            + profile
            + "`");
  }

  public static Failure credentialsRefused(String profile, Throwable cause) {
    return new Failure(
        Kind.CREDENTIALS_REFUSED,
        ErrorCodes.CREDENTIALS_REFUSED,
        "the publisher's identity pool refused credentials for profile "
            + profile
            + " (licence revoked or no matching rule); contact the publisher",
        cause);
  }

  /**
   * A profile without a key the request needs, named with the {@code configure profile} option that
   * sets it: a configuration error like a broken key (exit 2), not a refused sign-in.
   */
  public static Failure notConfigured(
      String profile, String key, String what, String option, String otherwise) {
    return new Failure(
        Kind.INVALID_PROFILE,
        ErrorCodes.NOT_CONFIGURED,
        "profile "
            + profile
            + " has no "
            + key
            + " "
            + what
            + ": set it with `cognito-creds configure profile --profile "
            + profile
            + " "
            + option
            + "`"
            + otherwise);
  }

  public static Failure badRequest(String message) {
    return new Failure(Kind.BAD_REQUEST, ErrorCodes.BAD_REQUEST, message);
  }
}

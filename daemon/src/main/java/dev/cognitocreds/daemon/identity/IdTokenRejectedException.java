package dev.cognitocreds.daemon.identity;

import dev.cognitocreds.daemon.Failure;

/**
 * The identity pool refused the ID token (expired, revoked, or from a provider it does not trust).
 * A fresh ID token may fix it; if not, {@link #failure()} says what Cognito said.
 */
public final class IdTokenRejectedException extends RuntimeException {

  private final Failure failure;

  IdTokenRejectedException(Failure failure) {
    super(failure.getMessage(), failure, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}

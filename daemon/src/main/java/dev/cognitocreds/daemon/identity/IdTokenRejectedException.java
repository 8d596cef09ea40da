package dev.cognitocreds.daemon.identity;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import software.amazon.awssdk.core.exception.SdkException;

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

  /**
   * Whether the identity pool found the token itself bad (expired, badly signed, from an issuer it
   * does not trust: Cognito's "Invalid login token. …"), rather than refusing a good one.
   */
  public boolean tokenInvalid() {
    return failure.getCause() instanceof SdkException e
        && UpstreamFailures.message(e).startsWith("Invalid login token");
  }
}

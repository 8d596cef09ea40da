package dev.cognitocreds.daemon;

import dev.cognitocreds.contract.ErrorCodes;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the AWS SDK throws into {@link Failure}s a person can act on. */
public final class UpstreamFailures {

  private static final Set<String> TRANSIENT =
      Set.of(
          "TooManyRequestsException",
          "LimitExceededException",
          "InternalErrorException",
          "ThrottlingException",
          "ServiceUnavailable");

  private UpstreamFailures() {}

  /** Cognito's error code ({@code __type}), or null when Cognito did not answer. */
  public static String code(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }

  /** Cognito's own message without the SDK's request-id decorations. */
  public static String message(SdkException e) {
    if (e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  public static boolean isTransient(SdkException e) {
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException()
          || service.statusCode() >= 500
          || TRANSIENT.contains(code(e));
    }
    return true;
  }

  /**
   * The generic translation: unreachable or throttled → unavailable, anything else → upstream
   * error.
   */
  public static Failure translate(SdkException e, String operation) {
    if (isTransient(e)) {
      String reason = code(e) != null ? code(e) + ": " + message(e) : message(e);
      return new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.UPSTREAM_UNAVAILABLE,
          "Cognito is unavailable (" + operation + ": " + reason + "); try again later",
          e);
    }
    return new Failure(
        Failure.Kind.UPSTREAM_ERROR,
        ErrorCodes.UPSTREAM_ERROR,
        "Cognito refused " + operation + ": " + code(e) + ": " + message(e),
        e);
  }
}

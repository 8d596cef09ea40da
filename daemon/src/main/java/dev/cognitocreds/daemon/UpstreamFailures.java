package dev.cognitocreds.daemon;

import dev.cognitocreds.contract.ErrorCodes;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK throws into {@link Failure}s a person can act on. Only an answer from
 * Cognito carries an error code: a refused, dropped or timed-out connection has none, so nothing
 * here (or in a caller) may assume one.
 */
public final class UpstreamFailures {

  private static final Set<String> TRANSIENT =
      Set.of(
          "TooManyRequestsException",
          "LimitExceededException",
          "InternalErrorException",
          "ThrottlingException",
          "ServiceUnavailable");

  private UpstreamFailures() {}

  /** Cognito's error code ({@code __type}), or null when Cognito did not answer with one. */
  public static String code(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }

  /** Whether Cognito answered with the error code {@code expected}; false without an answer. */
  public static boolean hasCode(SdkException e, String expected) {
    return expected.equals(code(e));
  }

  /** Whether Cognito answered with one of {@code codes}; false without an answer. */
  public static boolean hasCodeIn(SdkException e, Set<String> codes) {
    String code = code(e);
    return code != null && codes.contains(code);
  }

  /** Cognito's own message without the SDK's request-id decorations; never null. */
  public static String message(SdkException e) {
    if (e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** True when Cognito gave no answer at all: refused, dropped or timed out. */
  public static boolean isNoAnswer(SdkException e) {
    return !(e instanceof AwsServiceException);
  }

  public static boolean isThrottling(SdkException e) {
    return e instanceof AwsServiceException service
        && (service.isThrottlingException()
            || hasCodeIn(e, Set.of("TooManyRequestsException", "ThrottlingException")));
  }

  /** Worth trying again later: no answer, throttling, or a failure on Cognito's side. */
  public static boolean isTransient(SdkException e) {
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException()
          || service.statusCode() >= 500
          || hasCodeIn(e, TRANSIENT);
    }
    return true;
  }

  /**
   * The generic translation: no answer, throttling or Cognito's own failure → unavailable (503,
   * transient), anything else → upstream error (502).
   */
  public static Failure translate(SdkException e, String operation) {
    String code = code(e);
    String reason = code != null ? code + ": " + message(e) : message(e);
    if (isNoAnswer(e)) {
      return unavailable(
          "Cognito does not answer ("
              + operation
              + ": "
              + reason
              + "): check the network connection (and the profile's cognito_endpoint_url, if"
              + " set); cognito-credsd keeps trying and serves credentials as soon as Cognito"
              + " answers",
          e);
    }
    if (isThrottling(e)) {
      return unavailable(
          "Cognito is throttling requests ("
              + operation
              + ": "
              + reason
              + "); cognito-credsd retries with back-off: try again in a minute",
          e);
    }
    if (isTransient(e)) {
      return unavailable(
          "Cognito is unavailable (" + operation + ": " + reason + "); try again later", e);
    }
    return new Failure(
        Failure.Kind.UPSTREAM_ERROR,
        ErrorCodes.UPSTREAM_ERROR,
        "Cognito refused " + operation + ": " + reason,
        e);
  }

  private static Failure unavailable(String message, SdkException e) {
    return new Failure(
        Failure.Kind.UPSTREAM_UNAVAILABLE, ErrorCodes.UPSTREAM_UNAVAILABLE, message, e);
  }
}

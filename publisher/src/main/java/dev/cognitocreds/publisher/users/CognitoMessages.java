package dev.cognitocreds.publisher.users;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Cognito's own error code and message, without the SDK's request-id decorations. */
public final class CognitoMessages {
  private CognitoMessages() {}

  public static String of(AwsServiceException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }
}

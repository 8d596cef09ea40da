package dev.cognitocreds.daemon.account;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.auth.PasswordPolicyWords;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Cognito's refusals of an account chore as messages that say what to do next. {@code retry} is the
 * command that starts the chore again (e.g. "cognito-creds signup --resend --profile acme
 * --username bob").
 */
final class AccountFailures {

  private AccountFailures() {}

  static Failure of(SdkException e, String operation, String retry) {
    String code = UpstreamFailures.code(e);
    String message = UpstreamFailures.message(e);
    if (code == null) {
      return UpstreamFailures.translate(e, operation);
    }
    return switch (code) {
      case "CodeMismatchException" ->
          rejected(
              code,
              "that code is not the one Cognito sent: check it and "
                  + "try again, or get a new one with `"
                  + retry
                  + "`");
      case "ExpiredCodeException" ->
          rejected(code, "that code has expired: get a new one with `" + retry + "`");
      case "InvalidPasswordException" ->
          rejected(
              code, "the user pool refuses this password: " + PasswordPolicyWords.plain(message));
      case "LimitExceededException", "TooManyFailedAttemptsException", "TooManyRequestsException" ->
          rejected(
              code,
              "Cognito refuses more attempts for now ("
                  + message
                  + "): wait a few minutes, then try again");
      case "UserNotFoundException" ->
          rejected(code, "the user pool has no such user: check the username");
      case "NotAuthorizedException" -> new Failure(Failure.Kind.SIGN_IN_REFUSED, code, message);
      default ->
          UpstreamFailures.isTransient(e)
              ? UpstreamFailures.translate(e, operation)
              : rejected(code, operation + " refused: " + message);
    };
  }

  static Failure rejected(String code, String message) {
    return new Failure(Failure.Kind.SIGN_IN_REJECTED, code, message);
  }
}

package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

/** Cognito's refusals of a sign-in, each with what to do next. */
class SignInRefusalsTest {

  private static final CognitoProfile PROFILE =
      CognitoProfile.builder("acme")
          .region("us-east-2")
          .userPoolId("us-east-2_Pool1")
          .clientId("client1")
          .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
          .authFlow(AuthFlow.USER_PASSWORD_AUTH)
          .build();

  @Test
  void aSessionCognitoNoLongerKnowsEndsTheConversationWithTheCommandToStartAgain() {
    UserPool pool =
        refusing("NotAuthorizedException", "Invalid session for the user, session is expired.");

    assertThatThrownBy(
            () -> pool.start(PROFILE, AuthFlow.USER_PASSWORD_AUTH, "bob", "secret-Passw0rd"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.CONVERSATION_EXPIRED);
              assertThat(failure.getMessage())
                  .contains("session is expired")
                  .contains("run `cognito-creds login --profile acme` again");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UserNotConfirmedException|User is not confirmed.|cognito-creds signup --confirm --profile acme --username bob",
        "PasswordResetRequiredException|Password reset required for the user|cognito-creds reset-password --profile acme --username bob",
        "LimitExceededException|Attempt limit exceeded, please try after some time.|wait a few minutes",
        "CodeMismatchException|Invalid code received for user|try again while the sign-in lasts",
        "ExpiredCodeException|Invalid code provided|sign in again to get a new one",
        "InvalidPasswordException|Password does not conform to policy: Password not long enough|the user pool refuses this password: it is too short"
      })
  void eachRefusalSaysWhatToDoNext(String code, String message, String advice) {
    UserPool pool = refusing(code, message);

    assertThatThrownBy(
            () -> pool.start(PROFILE, AuthFlow.USER_PASSWORD_AUTH, "bob", "secret-Passw0rd"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REJECTED);
              assertThat(failure.code()).isEqualTo(code);
              assertThat(failure.getMessage()).contains(advice).doesNotContain("secret-Passw0rd");
            });
  }

  private static UserPool refusing(String code, String message) {
    return new UserPool(
        profile ->
            new StubUserPoolClient() {
              @Override
              public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
                throw AwsServiceException.builder()
                    .statusCode(400)
                    .message(message)
                    .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                    .build();
              }
            },
        new MutableClock(SrpProofTest.NOW),
        new SecureRandom());
  }
}

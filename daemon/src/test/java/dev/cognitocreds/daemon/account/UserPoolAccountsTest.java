package dev.cognitocreds.daemon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmSignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;

/**
 * Sign-up, password reset and change against a faked user pool that requires an e-mail and a given
 * name.
 */
class UserPoolAccountsTest {

  private static final String SECRET = "app-client-secret";
  private static final CognitoProfile PROFILE =
      CognitoProfile.builder("acme")
          .region("us-east-2")
          .userPoolId("us-east-2_Pool1")
          .clientId("client1")
          .clientSecret(SECRET)
          .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
          .authFlow(AuthFlow.USER_SRP_AUTH)
          .build();
  private static final CodeDeliveryDetailsType BY_EMAIL =
      CodeDeliveryDetailsType.builder()
          .destination("b***@e***")
          .deliveryMedium("EMAIL")
          .attributeName("email")
          .build();

  private final List<SignUpRequest> signUps = new ArrayList<>();
  private final List<Object> requests = new ArrayList<>();
  private volatile AwsServiceException nextFailure;

  private final CognitoIdentityProviderClient pool =
      new StubUserPoolClient() {
        @Override
        public SignUpResponse signUp(SignUpRequest request) {
          signUps.add(request);
          Map<String, String> given = new java.util.HashMap<>();
          request
              .userAttributes()
              .forEach(attribute -> given.put(attribute.name(), attribute.value()));
          boolean email = !given.getOrDefault("email", "").isBlank();
          boolean givenName = !given.getOrDefault("given_name", "").isBlank();
          if (!email || !givenName) {
            throw failure(
                "InvalidParameterException",
                "Attributes did not conform to the schema: "
                    + (email ? "" : "email: The attribute is required\n")
                    + (givenName ? "" : "given_name: The attribute is required"));
          }
          throwIfFailing();
          return SignUpResponse.builder()
              .userConfirmed(false)
              .userSub("sub-1")
              .codeDeliveryDetails(BY_EMAIL)
              .build();
        }

        @Override
        public ConfirmSignUpResponse confirmSignUp(ConfirmSignUpRequest request) {
          requests.add(request);
          throwIfFailing();
          return ConfirmSignUpResponse.builder().build();
        }

        @Override
        public ForgotPasswordResponse forgotPassword(ForgotPasswordRequest request) {
          requests.add(request);
          throwIfFailing();
          return ForgotPasswordResponse.builder()
              .codeDeliveryDetails(
                  CodeDeliveryDetailsType.builder()
                      .destination("+*******1234")
                      .deliveryMedium("SMS")
                      .attributeName("phone_number")
                      .build())
              .build();
        }

        @Override
        public ConfirmForgotPasswordResponse confirmForgotPassword(
            ConfirmForgotPasswordRequest request) {
          requests.add(request);
          throwIfFailing();
          return ConfirmForgotPasswordResponse.builder().build();
        }

        @Override
        public ChangePasswordResponse changePassword(ChangePasswordRequest request) {
          requests.add(request);
          throwIfFailing();
          return ChangePasswordResponse.builder().build();
        }
      };

  private final UserPoolAccounts accounts = new UserPoolAccounts(profile -> pool);

  private void throwIfFailing() {
    AwsServiceException failure = nextFailure;
    nextFailure = null;
    if (failure != null) {
      throw failure;
    }
  }

  private static AwsServiceException failure(String code, String message) {
    return AwsServiceException.builder()
        .statusCode(400)
        .message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  @Test
  void missingRequiredAttributesComeBackAsFieldsWithReadableLabels() {
    SignUpResult result = accounts.signUp(PROFILE, "bob", "Bob#Pass12", Map.of());

    assertThat(result)
        .isInstanceOfSatisfying(
            SignUpResult.AttributesRequired.class,
            required ->
                assertThat(required.fields())
                    .extracting(ChallengeField::name, ChallengeField::label)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("email", "E-mail address"),
                        org.assertj.core.groups.Tuple.tuple("given_name", "Given name")));
  }

  @Test
  void signUpSendsTheAttributesButNeverOnesCognitoSetsAndSignsTheRequest() {
    SignUpResult result =
        accounts.signUp(
            PROFILE,
            "bob",
            "Bob#Pass12",
            Map.of(
                "email",
                "bob@example.com",
                "given_name",
                "Bob",
                "email_verified",
                "true",
                "sub",
                "forged"));

    assertThat(result)
        .isEqualTo(
            new SignUpResult.ConfirmationSent(new CodeDelivery("b***@e***", "EMAIL", "email")));
    SignUpRequest sent = signUps.get(0);
    assertThat(sent.userAttributes())
        .extracting(AttributeType::name)
        .containsExactlyInAnyOrder("email", "given_name");
    assertThat(sent.secretHash()).isEqualTo(FakeCognito.secretHash(SECRET, "client1", "bob"));
    assertThat(sent.password()).isEqualTo("Bob#Pass12");
  }

  @Test
  void aPoolThatStillRefusesAGivenAttributeIsAnErrorNotAnotherQuestion() {
    assertThatThrownBy(
            () ->
                accounts.signUp(
                    PROFILE, "bob", "Bob#Pass12", Map.of("given_name", "Bob", "email", " ")))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("InvalidParameterException");
              assertThat(failure.getMessage()).contains("email: The attribute is required");
            });
  }

  @Test
  void anExistingUsernameSaysWhichCommandToRunInstead() {
    nextFailure = failure("UsernameExistsException", "User already exists");

    assertThatThrownBy(
            () ->
                accounts.signUp(
                    PROFILE, "bob", "Bob#Pass12", Map.of("email", "b@e", "given_name", "B")))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REJECTED);
              assertThat(failure.code()).isEqualTo("UsernameExistsException");
              assertThat(failure.getMessage())
                  .contains("cognito-creds login --profile acme")
                  .contains("cognito-creds reset-password --profile acme");
            });
  }

  @Test
  void aPasswordThePolicyRefusesIsExplainedInPlainWords() {
    nextFailure =
        failure(
            "InvalidPasswordException",
            "Password does not conform to policy: Password must have numeric characters");

    assertThatThrownBy(
            () ->
                accounts.signUp(
                    PROFILE, "bob", "Bob#Pass", Map.of("email", "b@e", "given_name", "B")))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("InvalidPasswordException");
              assertThat(failure.getMessage())
                  .isEqualTo("the user pool refuses this password: it needs a digit");
            });
  }

  @Test
  void wrongAndExpiredCodesSayHowToGetANewOne() {
    nextFailure =
        failure("CodeMismatchException", "Invalid verification code provided, please try again.");
    assertThatThrownBy(() -> accounts.confirmSignUp(PROFILE, "bob", "000000"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REJECTED);
              assertThat(failure.getMessage())
                  .contains("check it and try again")
                  .contains("cognito-creds signup --resend --profile acme --username bob")
                  .doesNotContain("000000");
            });

    nextFailure =
        failure("ExpiredCodeException", "Invalid code provided, please request a code again.");
    assertThatThrownBy(() -> accounts.confirmForgotPassword(PROFILE, "bob", "000000", "New#Pass1"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure ->
                assertThat(failure.getMessage())
                    .contains("expired")
                    .contains("cognito-creds reset-password --profile acme --username bob"));

    nextFailure =
        failure("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    assertThatThrownBy(() -> accounts.forgotPassword(PROFILE, "bob"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.getMessage()).contains("wait a few minutes"));
  }

  @Test
  void passwordResetSaysWhereTheCodeWentAndConfirmsWithCodeAndPassword() {
    CodeDelivery delivery = accounts.forgotPassword(PROFILE, "bob");
    accounts.confirmForgotPassword(PROFILE, "bob", "123456", "New#Pass1");

    assertThat(delivery.describe()).isEqualTo("by SMS to +*******1234");
    ConfirmForgotPasswordRequest confirm = (ConfirmForgotPasswordRequest) requests.get(1);
    assertThat(confirm.confirmationCode()).isEqualTo("123456");
    assertThat(confirm.password()).isEqualTo("New#Pass1");
    assertThat(confirm.secretHash()).isEqualTo(FakeCognito.secretHash(SECRET, "client1", "bob"));
  }

  @Test
  void changePasswordUsesTheAccessTokenAndAWrongCurrentPasswordIsRefused() {
    accounts.changePassword(PROFILE, "access-1", "Old#Pass1", "New#Pass1");
    ChangePasswordRequest sent = (ChangePasswordRequest) requests.get(0);
    assertThat(sent.accessToken()).isEqualTo("access-1");
    assertThat(sent.previousPassword()).isEqualTo("Old#Pass1");
    assertThat(sent.proposedPassword()).isEqualTo("New#Pass1");

    nextFailure = failure("NotAuthorizedException", "Incorrect username or password.");
    assertThatThrownBy(() -> accounts.changePassword(PROFILE, "access-1", "wrong", "New#Pass1"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REFUSED);
              assertThat(failure.getMessage())
                  .isEqualTo("the current password is wrong: nothing was changed");
            });
  }
}

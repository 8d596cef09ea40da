package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

class SelfServiceTest {
  @RegisterExtension static final SeededUserPool SEEDED = new SeededUserPool();

  @Test
  void signUpNeedsConfirmationByTheEmailedCode() {
    SignUpResponse signedUp =
        SEEDED
            .idp()
            .signUp(
                r ->
                    r.clientId(PUBLIC_CLIENT)
                        .username("frank")
                        .password("Frank-Passw0rd!")
                        .userAttributes(
                            attribute("email", "frank@example.com"), attribute("name", "Frank")));
    assertThat(signedUp.userConfirmed()).isFalse();
    assertThat(signedUp.codeDeliveryDetails().destination()).isEqualTo("f***@e***");
    assertThat(signedUp.userSub()).isNotBlank();
    assertThatThrownBy(
            () -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "frank", "Frank-Passw0rd!"))
        .isInstanceOf(UserNotConfirmedException.class);
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .signUp(
                        r ->
                            r.clientId(PUBLIC_CLIENT)
                                .username("frank")
                                .password("Frank-Passw0rd!")))
        .isInstanceOf(UsernameExistsException.class);

    SEEDED.idp().resendConfirmationCode(r -> r.clientId(PUBLIC_CLIENT).username("frank"));
    String code = SEEDED.cognito().outbox().latestCode("frank").orElseThrow();
    assertThat(SEEDED.cognito().outbox().messages("frank")).hasSize(2);
    SEEDED
        .idp()
        .confirmSignUp(r -> r.clientId(PUBLIC_CLIENT).username("frank").confirmationCode(code));

    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "frank", "Frank-Passw0rd!").idToken())
        .isNotBlank();
    assertThat(
            SEEDED
                .idp()
                .adminGetUser(r -> r.userPoolId(POOL).username("frank"))
                .userStatusAsString())
        .isEqualTo("CONFIRMED");
  }

  @Test
  void forgotPasswordSendsACodeThatSetsANewPassword() {
    SEEDED
        .idp()
        .adminCreateUser(
            r ->
                r.userPoolId(POOL)
                    .username("grace")
                    .temporaryPassword("Grace-Temp0rary!")
                    .userAttributes(
                        attribute("email", "grace@example.com"), attribute("name", "Grace")));
    SEEDED
        .idp()
        .adminSetUserPassword(
            r -> r.userPoolId(POOL).username("grace").password("Grace-Passw0rd!").permanent(true));

    var delivery =
        SEEDED
            .idp()
            .forgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("grace"))
            .codeDeliveryDetails();
    assertThat(delivery.deliveryMediumAsString()).isEqualTo("EMAIL");
    String code = SEEDED.cognito().outbox().latestCode("grace").orElseThrow();
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .confirmForgotPassword(
                        r ->
                            r.clientId(PUBLIC_CLIENT)
                                .username("grace")
                                .confirmationCode(code.equals("000000") ? "111111" : "000000")
                                .password("Grace-N3w-Passw0rd!")))
        .isInstanceOf(CodeMismatchException.class);
    SEEDED
        .idp()
        .confirmForgotPassword(
            r ->
                r.clientId(PUBLIC_CLIENT)
                    .username("grace")
                    .confirmationCode(code)
                    .password("Grace-N3w-Passw0rd!"));

    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "grace", "Grace-N3w-Passw0rd!").idToken())
        .isNotBlank();
    assertThatThrownBy(
            () -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "grace", "Grace-Passw0rd!"))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void forgotPasswordCodeExpires() {
    SEEDED.idp().forgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("erin"));
    String code = SEEDED.cognito().outbox().latestCode("erin").orElseThrow();
    SEEDED.clock().advance(Duration.ofHours(2));

    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .confirmForgotPassword(
                        r ->
                            r.clientId(PUBLIC_CLIENT)
                                .username("erin")
                                .confirmationCode(code)
                                .password("Erin-N3w-Passw0rd!")))
        .isInstanceOf(ExpiredCodeException.class);
  }

  @Test
  void changePasswordNeedsThePreviousPassword() {
    SEEDED
        .idp()
        .adminCreateUser(
            r ->
                r.userPoolId(POOL)
                    .username("heidi")
                    .temporaryPassword("Heidi-Temp0rary!")
                    .userAttributes(
                        attribute("email", "heidi@example.com"), attribute("name", "Heidi")));
    SEEDED
        .idp()
        .adminSetUserPassword(
            r -> r.userPoolId(POOL).username("heidi").password("Heidi-Passw0rd!").permanent(true));
    String accessToken =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "heidi", "Heidi-Passw0rd!").accessToken();

    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .changePassword(
                        r ->
                            r.accessToken(accessToken)
                                .previousPassword("Wrong-Passw0rd!")
                                .proposedPassword("Heidi-N3w-Passw0rd!")))
        .isInstanceOf(NotAuthorizedException.class);
    SEEDED
        .idp()
        .changePassword(
            r ->
                r.accessToken(accessToken)
                    .previousPassword("Heidi-Passw0rd!")
                    .proposedPassword("Heidi-N3w-Passw0rd!"));

    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "heidi", "Heidi-N3w-Passw0rd!").idToken())
        .isNotBlank();
  }

  @Test
  void adminCreatedUserStartsInForceChangePassword() {
    var user =
        SEEDED
            .idp()
            .adminCreateUser(
                r ->
                    r.userPoolId(POOL)
                        .username("ivan")
                        .temporaryPassword("Ivan-Temp0rary!")
                        .userAttributes(attribute("email", "ivan@example.com")))
            .user();

    assertThat(user.userStatusAsString()).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(user.enabled()).isTrue();
    assertThat(
            SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "ivan", "Ivan-Temp0rary!")
                .challengeNameAsString())
        .isEqualTo("NEW_PASSWORD_REQUIRED");
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }
}

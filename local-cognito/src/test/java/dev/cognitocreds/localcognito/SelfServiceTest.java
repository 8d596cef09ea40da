package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

class SelfServiceTest {
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static LocalCognito cognito;
    private static CognitoIdentityProviderClient idp;

    @BeforeAll
    static void start() {
        cognito = LocalCognito.builder().seed(TestSeeds.seed()).clock(CLOCK).start();
        idp = Sdk.userPools(cognito.endpoint());
    }

    @AfterAll
    static void stop() {
        idp.close();
        cognito.close();
    }

    @Test
    void signUpNeedsConfirmationByTheEmailedCode() {
        SignUpResponse signedUp = idp.signUp(r -> r.clientId(PUBLIC_CLIENT).username("frank")
                .password("Frank-Passw0rd!").userAttributes(attribute("email", "frank@example.com"),
                        attribute("name", "Frank")));
        assertThat(signedUp.userConfirmed()).isFalse();
        assertThat(signedUp.codeDeliveryDetails().destination()).isEqualTo("f***@e***");
        assertThat(signedUp.userSub()).isNotBlank();
        assertThatThrownBy(() -> SignIn.password(idp, PUBLIC_CLIENT, "frank", "Frank-Passw0rd!"))
                .isInstanceOf(UserNotConfirmedException.class);
        assertThatThrownBy(() -> idp.signUp(r -> r.clientId(PUBLIC_CLIENT).username("frank")
                .password("Frank-Passw0rd!"))).isInstanceOf(UsernameExistsException.class);

        idp.resendConfirmationCode(r -> r.clientId(PUBLIC_CLIENT).username("frank"));
        String code = cognito.outbox().latestCode("frank").orElseThrow();
        assertThat(cognito.outbox().messages("frank")).hasSize(2);
        idp.confirmSignUp(r -> r.clientId(PUBLIC_CLIENT).username("frank").confirmationCode(code));

        assertThat(SignIn.tokens(idp, PUBLIC_CLIENT, "frank", "Frank-Passw0rd!").idToken()).isNotBlank();
        assertThat(idp.adminGetUser(r -> r.userPoolId(POOL).username("frank")).userStatusAsString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void forgotPasswordSendsACodeThatSetsANewPassword() {
        idp.adminCreateUser(r -> r.userPoolId(POOL).username("grace").temporaryPassword("Grace-Temp0rary!")
                .userAttributes(attribute("email", "grace@example.com"), attribute("name", "Grace")));
        idp.adminSetUserPassword(r -> r.userPoolId(POOL).username("grace").password("Grace-Passw0rd!").permanent(true));

        var delivery = idp.forgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("grace")).codeDeliveryDetails();
        assertThat(delivery.deliveryMediumAsString()).isEqualTo("EMAIL");
        String code = cognito.outbox().latestCode("grace").orElseThrow();
        assertThatThrownBy(() -> idp.confirmForgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("grace")
                .confirmationCode(code.equals("000000") ? "111111" : "000000").password("Grace-N3w-Passw0rd!")))
                .isInstanceOf(CodeMismatchException.class);
        idp.confirmForgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("grace").confirmationCode(code)
                .password("Grace-N3w-Passw0rd!"));

        assertThat(SignIn.tokens(idp, PUBLIC_CLIENT, "grace", "Grace-N3w-Passw0rd!").idToken()).isNotBlank();
        assertThatThrownBy(() -> SignIn.password(idp, PUBLIC_CLIENT, "grace", "Grace-Passw0rd!"))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void forgotPasswordCodeExpires() {
        idp.forgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("erin"));
        String code = cognito.outbox().latestCode("erin").orElseThrow();
        CLOCK.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> idp.confirmForgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("erin")
                .confirmationCode(code).password("Erin-N3w-Passw0rd!")))
                .isInstanceOf(ExpiredCodeException.class);
    }

    @Test
    void changePasswordNeedsThePreviousPassword() {
        idp.adminCreateUser(r -> r.userPoolId(POOL).username("heidi").temporaryPassword("Heidi-Temp0rary!")
                .userAttributes(attribute("email", "heidi@example.com"), attribute("name", "Heidi")));
        idp.adminSetUserPassword(r -> r.userPoolId(POOL).username("heidi").password("Heidi-Passw0rd!").permanent(true));
        String accessToken = SignIn.tokens(idp, PUBLIC_CLIENT, "heidi", "Heidi-Passw0rd!").accessToken();

        assertThatThrownBy(() -> idp.changePassword(r -> r.accessToken(accessToken).previousPassword("Wrong-Passw0rd!")
                .proposedPassword("Heidi-N3w-Passw0rd!"))).isInstanceOf(NotAuthorizedException.class);
        idp.changePassword(r -> r.accessToken(accessToken).previousPassword("Heidi-Passw0rd!")
                .proposedPassword("Heidi-N3w-Passw0rd!"));

        assertThat(SignIn.tokens(idp, PUBLIC_CLIENT, "heidi", "Heidi-N3w-Passw0rd!").idToken()).isNotBlank();
    }

    @Test
    void adminCreatedUserStartsInForceChangePassword() {
        var user = idp.adminCreateUser(r -> r.userPoolId(POOL).username("ivan").temporaryPassword("Ivan-Temp0rary!")
                .userAttributes(attribute("email", "ivan@example.com"))).user();

        assertThat(user.userStatusAsString()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(user.enabled()).isTrue();
        assertThat(SignIn.password(idp, PUBLIC_CLIENT, "ivan", "Ivan-Temp0rary!").challengeNameAsString())
                .isEqualTo("NEW_PASSWORD_REQUIRED");
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}

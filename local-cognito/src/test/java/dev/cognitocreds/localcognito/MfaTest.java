package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.MFA_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.MFA_ON_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.TOTP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;

class MfaTest {
  @RegisterExtension static final SeededUserPool SEEDED = new SeededUserPool();

  @Test
  void smsMfaSendsACodeToTheOutboxAndAcceptsOnlyThatCode() {
    InitiateAuthResponse challenge =
        SignIn.password(SEEDED.idp(), MFA_CLIENT, "sms-user", "Sms-Passw0rd!");

    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SMS_MFA);
    assertThat(challenge.challengeParameters())
        .containsEntry("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS")
        .containsEntry("CODE_DELIVERY_DESTINATION", "+*******1234");
    OutboxMessage sent = SEEDED.cognito().outbox().messages("sms-user").get(0);
    assertThat(sent.destination()).isEqualTo("+15555551234");
    assertThat(sent.purpose()).isEqualTo("SMS_MFA");

    String wrong = sent.code().equals("000000") ? "111111" : "000000";
    assertThatThrownBy(
            () ->
                answer(
                    ChallengeNameType.SMS_MFA,
                    challenge.session(),
                    Map.of("USERNAME", "sms-user", "SMS_MFA_CODE", wrong)))
        .isInstanceOf(CodeMismatchException.class);
    RespondToAuthChallengeResponse done =
        answer(
            ChallengeNameType.SMS_MFA,
            challenge.session(),
            Map.of("USERNAME", "sms-user", "SMS_MFA_CODE", sent.code()));
    assertThat(done.authenticationResult().idToken()).isNotBlank();
  }

  @Test
  void emailOtpGoesToTheOutboxMasked() {
    InitiateAuthResponse challenge =
        SignIn.password(SEEDED.idp(), MFA_CLIENT, "email-user", "Email-Passw0rd!");

    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.EMAIL_OTP);
    assertThat(challenge.challengeParameters())
        .containsEntry("CODE_DELIVERY_DESTINATION", "o***@e***");
    String code = SEEDED.cognito().outbox().latestCode("email-user").orElseThrow();
    assertThat(
            answer(
                    ChallengeNameType.EMAIL_OTP,
                    challenge.session(),
                    Map.of("USERNAME", "email-user", "EMAIL_OTP_CODE", code))
                .authenticationResult())
        .isNotNull();
  }

  @Test
  void softwareTokenMfaChecksTheTotpCodeAtTheInjectedTime() {
    InitiateAuthResponse challenge =
        SignIn.password(SEEDED.idp(), MFA_CLIENT, "totp-user", "Totp-Passw0rd!");
    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);

    String stale = TestTotp.code(TOTP_SECRET, SEEDED.clock().instant().minusSeconds(600));
    assertThatThrownBy(
            () ->
                answer(
                    ChallengeNameType.SOFTWARE_TOKEN_MFA,
                    challenge.session(),
                    Map.of("USERNAME", "totp-user", "SOFTWARE_TOKEN_MFA_CODE", stale)))
        .isInstanceOf(CodeMismatchException.class);
    String current = TestTotp.code(TOTP_SECRET, SEEDED.clock().instant());
    assertThat(
            answer(
                    ChallengeNameType.SOFTWARE_TOKEN_MFA,
                    challenge.session(),
                    Map.of("USERNAME", "totp-user", "SOFTWARE_TOKEN_MFA_CODE", current))
                .authenticationResult())
        .isNotNull();
  }

  @Test
  void userWithTwoFactorsAndNoPreferenceSelectsOne() {
    InitiateAuthResponse challenge =
        SignIn.password(SEEDED.idp(), MFA_CLIENT, "multi-user", "Multi-Passw0rd!");
    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SELECT_MFA_TYPE);
    assertThat(challenge.challengeParameters().get("MFAS_CAN_CHOOSE"))
        .isEqualTo("[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]");

    RespondToAuthChallengeResponse next =
        answer(
            ChallengeNameType.SELECT_MFA_TYPE,
            challenge.session(),
            Map.of("USERNAME", "multi-user", "ANSWER", "SOFTWARE_TOKEN_MFA"));
    assertThat(next.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
    assertThat(
            answer(
                    ChallengeNameType.SOFTWARE_TOKEN_MFA,
                    next.session(),
                    Map.of(
                        "USERNAME",
                        "multi-user",
                        "SOFTWARE_TOKEN_MFA_CODE",
                        TestTotp.code(TOTP_SECRET, SEEDED.clock().instant())))
                .authenticationResult())
        .isNotNull();
  }

  @Test
  void optionalMfaWithoutAFactorSignsStraightIn() {
    assertThat(SignIn.tokens(SEEDED.idp(), MFA_CLIENT, "plain-user", "Plain-Passw0rd!").idToken())
        .isNotBlank();
  }

  @Test
  void requiredMfaWithoutAFactorGoesThroughMfaSetupAndThenAsksForTotp() {
    InitiateAuthResponse setup =
        SignIn.password(SEEDED.idp(), MFA_ON_CLIENT, "enrol-user", "Enrol-Passw0rd!");
    assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
    assertThat(setup.challengeParameters().get("MFAS_CAN_SETUP")).contains("SOFTWARE_TOKEN_MFA");

    AssociateSoftwareTokenResponse associated =
        SEEDED.idp().associateSoftwareToken(r -> r.session(setup.session()));
    assertThat(associated.secretCode()).matches("[A-Z2-7]{32}");
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .verifySoftwareToken(r -> r.session(associated.session()).userCode("12345")))
        .isInstanceOf(EnableSoftwareTokenMfaException.class);
    VerifySoftwareTokenResponse verified =
        SEEDED
            .idp()
            .verifySoftwareToken(
                r ->
                    r.session(associated.session())
                        .userCode(
                            TestTotp.code(associated.secretCode(), SEEDED.clock().instant())));
    assertThat(verified.statusAsString()).isEqualTo("SUCCESS");
    RespondToAuthChallengeResponse done =
        SEEDED
            .idp()
            .respondToAuthChallenge(
                r ->
                    r.clientId(MFA_ON_CLIENT)
                        .challengeName(ChallengeNameType.MFA_SETUP)
                        .session(verified.session())
                        .challengeResponses(Map.of("USERNAME", "enrol-user")));
    assertThat(done.authenticationResult().idToken()).isNotBlank();

    InitiateAuthResponse again =
        SignIn.password(SEEDED.idp(), MFA_ON_CLIENT, "enrol-user", "Enrol-Passw0rd!");
    assertThat(again.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
  }

  @Test
  void signedInUserCanEnrolTotpAndPreferIt() {
    String accessToken =
        SignIn.tokens(SEEDED.idp(), MFA_CLIENT, "plain-user", "Plain-Passw0rd!").accessToken();
    String secret =
        SEEDED.idp().associateSoftwareToken(r -> r.accessToken(accessToken)).secretCode();
    SEEDED
        .idp()
        .verifySoftwareToken(
            r ->
                r.accessToken(accessToken)
                    .userCode(TestTotp.code(secret, SEEDED.clock().instant())));
    SEEDED
        .idp()
        .setUserMFAPreference(
            r ->
                r.accessToken(accessToken)
                    .softwareTokenMfaSettings(s -> s.enabled(true).preferredMfa(true)));

    assertThat(SEEDED.idp().getUser(r -> r.accessToken(accessToken)).preferredMfaSetting())
        .isEqualTo("SOFTWARE_TOKEN_MFA");
    assertThat(
            SignIn.password(SEEDED.idp(), MFA_CLIENT, "plain-user", "Plain-Passw0rd!")
                .challengeName())
        .isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
  }

  private RespondToAuthChallengeResponse answer(
      ChallengeNameType challenge, String session, Map<String, String> responses) {
    return SEEDED
        .idp()
        .respondToAuthChallenge(
            r ->
                r.clientId(MFA_CLIENT)
                    .challengeName(challenge)
                    .session(session)
                    .challengeResponses(responses));
  }
}

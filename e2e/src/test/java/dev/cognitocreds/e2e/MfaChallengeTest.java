package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.MfaPools;
import dev.cognitocreds.e2e.harness.RunningCommand;
import dev.cognitocreds.e2e.harness.SentCodes;
import dev.cognitocreds.e2e.harness.Totp;
import dev.cognitocreds.localcognito.LocalCognito;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sign-in challenge through the real client and daemon against local-cognito: authenticator,
 * SMS and e-mail codes, the choice of a factor, authenticator set-up in a pseudo-terminal, new
 * password with a required attribute, and the refusals that must say what to do next.
 */
class MfaChallengeTest {

  private static final String OPTIONAL = "optional";
  private static final String REQUIRED = "required";

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        MfaPools.installation(
            "mfa",
            endpoint ->
                CognitoProfile.toIni(
                    MfaPools.optional(OPTIONAL, endpoint), MfaPools.required(REQUIRED, endpoint)));
    cognito = fixture.cognito();
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anAuthenticatorCodeOnTheNextStdinLineSignsIn() {
    CommandResult login =
        installation
            .cli()
            .login(OPTIONAL, "totp-user", MfaPools.PASSWORD, Totp.now(MfaPools.TOTP_SECRET));

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(login.stderr()).contains("authenticator app");
    assertSignedIn(OPTIONAL, "totp-user");
    assertThat(installation.daemon().log()).doesNotContain(MfaPools.PASSWORD);
  }

  @Test
  void mfaCodeOptionAnswersTheAuthenticatorChallenge() {
    CommandResult login =
        installation
            .cli()
            .runWithInput(
                MfaPools.PASSWORD + "\n",
                "login",
                "--profile",
                OPTIONAL,
                "--username",
                "totp-user",
                "--password-stdin",
                "--mfa-code",
                Totp.now(MfaPools.TOTP_SECRET));

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertSignedIn(OPTIONAL, "totp-user");
  }

  @Test
  void aWrongCodeFromStdinIsExit5WithAMessageNotAHang() {
    Instant start = Instant.now();
    CommandResult login =
        installation
            .cli()
            .login(OPTIONAL, "totp-wrong-user", MfaPools.PASSWORD, "000000", "111111");

    assertThat(login.exitCode()).as("%s", login).isEqualTo(5);
    assertThat(login.stderr()).contains("Invalid code received for user").contains("try again");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void noLineLeftForTheCodeIsExit2AtOnce() {
    CommandResult login = installation.cli().login(OPTIONAL, "totp-wrong-user", MfaPools.PASSWORD);

    assertThat(login.exitCode()).as("%s", login).isEqualTo(2);
    assertThat(login.stderr()).contains("Authenticator code").contains("stdin has no more lines");
  }

  @Test
  void anSmsCodeFromTheOutboxIsTypedWhileTheClientWaits() {
    assertCodeFromOutboxSignsIn("sms-user", "SMS_MFA", "+*******1234");
  }

  @Test
  void anEmailCodeFromTheOutboxIsTypedWhileTheClientWaits() {
    assertCodeFromOutboxSignsIn("email-user", "EMAIL_OTP", "@");
  }

  private static void assertCodeFromOutboxSignsIn(
      String username, String purpose, String destinationShown) {
    try (RunningCommand login =
        RunningCommand.client(
            installation.home(),
            "login",
            "--profile",
            OPTIONAL,
            "--username",
            username,
            "--password-stdin")) {
      login.writeLine(MfaPools.PASSWORD);
      String asked = login.awaitOutput("expires in a few minutes");
      assertThat(asked).contains("sent by").contains(destinationShown);
      String code = SentCodes.latest(cognito, username, purpose);
      login.writeLine(code);
      CommandResult done = login.finish();

      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout()).contains("Signed in to profile " + OPTIONAL + " as " + username);
      assertThat(done.stdout() + done.stderr())
          .doesNotContain(code)
          .doesNotContain(MfaPools.PASSWORD);
    }
    assertSignedIn(OPTIONAL, username);
  }

  @Test
  void aPersonPicksTheFactorFromThePoolsChoicesByNumberOrName() {
    CommandResult login =
        installation
            .cli()
            .login(
                OPTIONAL,
                "choosy-user",
                MfaPools.PASSWORD,
                "SOFTWARE_TOKEN_MFA",
                Totp.now(MfaPools.TOTP_SECRET));

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(login.stderr()).contains("Choose how to receive your sign-in code");
    assertSignedIn(OPTIONAL, "choosy-user");
  }

  @Test
  void atATerminalTheFactorsAreListedByReadableNameAndPickedByNumber() {
    try (RunningCommand login =
        RunningCommand.inTerminal(
            installation.home(), "login", "--profile", OPTIONAL, "--username", "choosy-user")) {
      login.awaitOutput("Password: ");
      login.writeLine(MfaPools.PASSWORD);
      String listed = login.awaitOutput("MFA type [1-2]: ");
      Matcher authenticator = Pattern.compile("(\\d)\\) Authenticator app code").matcher(listed);
      assertThat(authenticator.find()).as(listed).isTrue();
      assertThat(listed).contains(") Text message (SMS) code");
      login.writeLine(authenticator.group(1));
      login.awaitOutput("Authenticator code: ");
      login.writeLine(Totp.now(MfaPools.TOTP_SECRET));
      login.awaitOutput("Signed in to profile " + OPTIONAL + " as choosy-user");
      assertThat(login.finish().exitCode()).isZero();
    }
  }

  @Test
  void aNewPasswordAsksTheMissingAttributeByItsReadableName() {
    CommandResult login =
        installation
            .cli()
            .login(OPTIONAL, "new-password-user", MfaPools.PASSWORD, "Replaced-Passw0rd", "Newton");

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertSignedIn(OPTIONAL, "new-password-user");
  }

  @Test
  void refusalsSayWhichCommandComesNext() {
    CommandResult reset =
        installation.cli().login(OPTIONAL, "reset-required-user", MfaPools.PASSWORD);
    CommandResult unconfirmed =
        installation.cli().login(OPTIONAL, "unconfirmed-user", MfaPools.PASSWORD);

    assertThat(reset.exitCode()).as("%s", reset).isEqualTo(5);
    assertThat(reset.stderr())
        .contains("cognito-creds reset-password --profile optional --username reset-required-user");
    assertThat(unconfirmed.exitCode()).as("%s", unconfirmed).isEqualTo(5);
    assertThat(unconfirmed.stderr())
        .contains("cognito-creds signup --confirm --profile optional --username unconfirmed-user");
  }

  @Test
  void aRequiredAuthenticatorIsSetUpInATerminalFromTheQrCodesSecret() {
    String secret;
    try (RunningCommand login =
        RunningCommand.inTerminal(
            installation.home(), "login", "--profile", REQUIRED, "--username", "setup-user")) {
      login.awaitOutput("Password: ");
      login.writeLine(MfaPools.PASSWORD);
      String shown = login.awaitOutput("Code from your authenticator app: ");
      Matcher secretLine =
          Pattern.compile("Secret key \\(to type in instead\\): ([A-Z2-7]+)").matcher(shown);
      assertThat(secretLine.find()).as(shown).isTrue();
      secret = secretLine.group(1);
      assertThat(shown)
          .contains(
              "otpauth://totp/"
                  + MfaPools.REQUIRED_POOL
                  + ":setup-user?secret="
                  + secret
                  + "&issuer="
                  + MfaPools.REQUIRED_POOL);
      // the QR code: a run of lines made of half blocks only, at least 21 modules wide
      assertThat(shown).containsPattern("(?m)^[█▀▄ ]{21,}\\r?$");
      login.writeLine(Totp.now(secret));
      login.awaitOutput("Signed in to profile " + REQUIRED + " as setup-user");
      CommandResult done = login.finish();
      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout()).doesNotContain(MfaPools.PASSWORD);
    }
    assertSignedIn(REQUIRED, "setup-user");

    // from now on the pool asks for the enrolled authenticator's code
    CommandResult again =
        installation.cli().login(REQUIRED, "setup-user", MfaPools.PASSWORD, Totp.now(secret));
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.stderr()).contains("authenticator app");
  }

  private static void assertSignedIn(String profile, String username) {
    Map<String, Object> status = installation.daemon().profileStatus(profile);
    assertThat(status).containsEntry("state", "SIGNED_IN").containsEntry("username", username);
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", profile)
        .then()
        .statusCode(200);
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.MfaPools;
import dev.cognitocreds.e2e.harness.RunningCommand;
import dev.cognitocreds.e2e.harness.SentCodes;
import dev.cognitocreds.localcognito.LocalCognito;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cognito-creds signup} against a pool that lets people register (e-mail and given name
 * required, codes by e-mail): SignUp, the attribute the pool turns out to need, ConfirmSignUp with
 * the code from local-cognito's outbox, ResendConfirmationCode, then the sign-in.
 */
class SignUpTest {

  private static final String PROFILE = "acme";
  private static final String PASSWORD = "Signed-Up-Passw0rd";

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        MfaPools.installation("sign-up", endpoint -> MfaPools.optional(PROFILE, endpoint).toIni());
    cognito = fixture.cognito();
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void signUpAsksWhatThePoolRequiresConfirmsWithTheEmailedCodeAndSignsIn() {
    try (RunningCommand signup =
        RunningCommand.client(
            installation.home(),
            "signup",
            "--profile",
            PROFILE,
            "--username",
            "bob",
            "--password-stdin")) {
      signup.writeLine(PASSWORD);
      signup.writeLine("bob@example.com");
      assertThat(signup.awaitOutput("needs more about you")).isNotNull();
      signup.writeLine("Bob");
      assertThat(signup.awaitOutput("to confirm the account")).contains("by e-mail to b");
      signup.writeLine(SentCodes.latest(cognito, "bob", "SIGN_UP"));
      CommandResult done = signup.finish();

      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout())
          .contains("Account bob confirmed")
          .contains("Signed in to profile acme as bob");
      assertThat(done.stdout() + done.stderr()).doesNotContain(PASSWORD);
    }
    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", "bob");
    assertThat(installation.daemon().log()).doesNotContain(PASSWORD);
  }

  @Test
  void aWrongCodeSaysHowToGetANewOneAndResendConfirmsWithIt() {
    try (RunningCommand signup =
        RunningCommand.client(
            installation.home(),
            "signup",
            "--profile",
            PROFILE,
            "--username",
            "carol",
            "--password-stdin",
            "--attribute",
            "email=carol@example.com",
            "--attribute",
            "given_name=Carol")) {
      signup.writeLine(PASSWORD);
      signup.awaitOutput("to confirm the account");
      signup.writeLine("000000");
      CommandResult refused = signup.finish();
      assertThat(refused.exitCode()).as("%s", refused).isEqualTo(5);
      assertThat(refused.stderr())
          .contains("cognito-creds signup --resend --profile acme --username carol");
    }

    try (RunningCommand resend =
        RunningCommand.client(
            installation.home(),
            "signup",
            "--resend",
            "--profile",
            PROFILE,
            "--username",
            "carol",
            "--password-stdin")) {
      resend.writeLine(PASSWORD);
      resend.awaitOutput("Enter the new code");
      resend.writeLine(SentCodes.latest(cognito, "carol", "SIGN_UP"));
      CommandResult done = resend.finish();
      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout()).contains("Signed in to profile acme as carol");
    }
    assertThat(cognito.calls().count("ResendConfirmationCode")).isEqualTo(1);
  }

  @Test
  void atATerminalEverythingIsAskedByNameAndNoSecretIsEchoed() {
    try (RunningCommand signup =
        RunningCommand.inTerminal(installation.home(), "signup", "--profile", PROFILE)) {
      signup.awaitOutput("Username: ");
      signup.writeLine("dora");
      signup.awaitOutput("Password: ");
      signup.writeLine(PASSWORD);
      signup.awaitOutput("Password (again): ");
      signup.writeLine(PASSWORD);
      signup.awaitOutput("E-mail address: ");
      signup.writeLine("dora@example.com");
      signup.awaitOutput("Given name: ");
      signup.writeLine("Dora");
      signup.awaitOutput("Code: ");
      String code = SentCodes.latest(cognito, "dora", "SIGN_UP");
      signup.writeLine(code);
      signup.awaitOutput("Signed in to profile acme as dora");
      CommandResult done = signup.finish();

      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout())
          .contains("dora@example.com")
          .doesNotContain(PASSWORD)
          .doesNotContain(code);
    }
  }

  @Test
  void anExistingUsernameNamesTheCommandsToUseInstead() {
    CommandResult signup =
        installation
            .cli()
            .runWithInput(
                PASSWORD + "\n",
                "signup",
                "--profile",
                PROFILE,
                "--username",
                "passwd-user",
                "--password-stdin",
                "--attribute",
                "email=x@example.com",
                "--attribute",
                "given_name=X");

    assertThat(signup.exitCode()).as("%s", signup).isEqualTo(5);
    assertThat(signup.stderr())
        .contains("exists already")
        .contains("cognito-creds login --profile acme");
  }
}

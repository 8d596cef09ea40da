package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CognitoProfile;
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
 * {@code passwd}, {@code reset-password} and {@code logout --everywhere} through the client against
 * local-cognito.
 */
class PasswordTest {

  private static final String PROFILE = "acme";
  private static final String OTHER_DEVICE = "acme-laptop";
  private static final String NEVER_SIGNED_IN = "nobody";
  private static final String AT_THE_DESK = "desk";

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        MfaPools.installation(
            "password",
            endpoint ->
                CognitoProfile.toIni(
                    MfaPools.optional(PROFILE, endpoint),
                    MfaPools.optional(OTHER_DEVICE, endpoint),
                    MfaPools.optional(NEVER_SIGNED_IN, endpoint),
                    MfaPools.optional(AT_THE_DESK, endpoint)));
    cognito = fixture.cognito();
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void passwdExplainsThePolicyThenChangesThePasswordAndOnlyTheNewOneSignsIn() {
    signIn(PROFILE, "passwd-user", MfaPools.PASSWORD);

    CommandResult weak =
        installation
            .cli()
            .runWithInput(
                MfaPools.PASSWORD + "\nalllowercase1\n",
                "passwd",
                "--profile",
                PROFILE,
                "--password-stdin");
    assertThat(weak.exitCode()).as("%s", weak).isEqualTo(5);
    assertThat(weak.stderr())
        .contains("the user pool refuses this password: it needs an upper-case letter");

    CommandResult wrongCurrent =
        installation
            .cli()
            .runWithInput(
                "Not-The-Passw0rd\nChanged-Passw0rd\n",
                "passwd",
                "--profile",
                PROFILE,
                "--password-stdin");
    assertThat(wrongCurrent.exitCode()).as("%s", wrongCurrent).isEqualTo(5);
    assertThat(wrongCurrent.stderr()).contains("the current password is wrong");

    CommandResult changed =
        installation
            .cli()
            .runWithInput(
                MfaPools.PASSWORD + "\nChanged-Passw0rd\n",
                "passwd",
                "--profile",
                PROFILE,
                "--password-stdin");
    assertThat(changed.exitCode()).as("%s", changed).isZero();
    assertThat(changed.stdout()).contains("Password changed for profile acme");

    assertThat(installation.cli().login(OTHER_DEVICE, "passwd-user", MfaPools.PASSWORD).exitCode())
        .isEqualTo(5);
    signIn(OTHER_DEVICE, "passwd-user", "Changed-Passw0rd");
    assertThat(installation.daemon().log())
        .doesNotContain("Changed-Passw0rd")
        .doesNotContain(MfaPools.PASSWORD);
  }

  @Test
  void passwdAtATerminalExplainsARefusedPasswordAndAsksAgainWithoutEchoingAny() {
    signIn(AT_THE_DESK, "terminal-user", MfaPools.PASSWORD);

    try (RunningCommand passwd =
        RunningCommand.inTerminal(installation.home(), "passwd", "--profile", AT_THE_DESK)) {
      // every answer is typed only once its prompt shows, so echo is already off
      passwd.awaitOutput("Current password: ");
      passwd.writeLine(MfaPools.PASSWORD);
      passwd.awaitOutput("New password: ");
      passwd.writeLine("tooweak1");
      passwd.awaitOutput("New password (again): ");
      passwd.writeLine("tooweak1");
      assertThat(passwd.awaitOutput("New password: ", 2))
          .contains("it needs an upper-case letter")
          .contains("Try again with another new password");
      passwd.writeLine("Desk-Passw0rd");
      passwd.awaitOutput("New password (again): ", 2);
      passwd.writeLine("Desk-Passw0rd");
      passwd.awaitOutput("Password changed for profile " + AT_THE_DESK);
      CommandResult done = passwd.finish();

      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout())
          .doesNotContain(MfaPools.PASSWORD)
          .doesNotContain("tooweak1")
          .doesNotContain("Desk-Passw0rd");
    }
    assertThat(installation.cli().login(OTHER_DEVICE, "terminal-user", "Desk-Passw0rd").exitCode())
        .isZero();
  }

  @Test
  void passwdWithoutASignInIsExit4() {
    CommandResult passwd =
        installation
            .cli()
            .runWithInput("a\nb\n", "passwd", "--profile", NEVER_SIGNED_IN, "--password-stdin");

    assertThat(passwd.exitCode()).as("%s", passwd).isEqualTo(4);
    assertThat(passwd.stderr()).contains("cognito-creds login --profile nobody");
  }

  @Test
  void aPasswordResetRequiredByThePublisherIsDoneWithTheCodeFromTheOutboxThenSignsIn() {
    CommandResult refused =
        installation.cli().login(PROFILE, "reset-required-user", MfaPools.PASSWORD);
    assertThat(refused.stderr()).contains("cognito-creds reset-password");

    try (RunningCommand reset =
        RunningCommand.client(
            installation.home(),
            "reset-password",
            "--profile",
            PROFILE,
            "--username",
            "reset-required-user",
            "--password-stdin")) {
      assertThat(reset.awaitOutput("choose a new password")).contains("by e-mail to r");
      String code = SentCodes.latest(cognito, "reset-required-user", "FORGOT_PASSWORD");
      reset.writeLine(code);
      reset.writeLine("Reset-Passw0rd");
      CommandResult done = reset.finish();

      assertThat(done.exitCode()).as("%s", done).isZero();
      assertThat(done.stdout())
          .contains("Password of reset-required-user reset")
          .contains("Signed in to profile acme as reset-required-user");
      assertThat(done.stdout() + done.stderr())
          .doesNotContain(code)
          .doesNotContain("Reset-Passw0rd");
    }
    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("username", "reset-required-user");
  }

  @Test
  void logoutEverywhereAlsoEndsTheUsersSignInOnOtherDevices() {
    signIn(PROFILE, "forgot-user", MfaPools.PASSWORD);
    signIn(OTHER_DEVICE, "forgot-user", MfaPools.PASSWORD);
    cognito.calls().reset();

    CommandResult logout = installation.cli().run("logout", "--everywhere", "--profile", PROFILE);

    assertThat(logout.exitCode()).as("%s", logout).isZero();
    assertThat(cognito.calls().count("GlobalSignOut")).isEqualTo(1);
    assertThat(installation.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_OUT");
    // the other device's refresh token is dead too: a daemon without cached tokens finds it signed
    // out
    installation.restartDaemon();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", OTHER_DEVICE)
        .then()
        .statusCode(409);
  }

  private static void signIn(String profile, String username, String password) {
    CommandResult login = installation.cli().login(profile, username, password);
    assertThat(login.exitCode()).as("%s", login).isZero();
  }
}

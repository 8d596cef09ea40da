package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.ScriptedTerminal;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** signup, passwd and reset-password against the stub daemon: what each sends, asks and prints. */
class AccountCommandsTest extends WithStubDaemon {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROFILE = "/v1/profiles/acme/";
  private static final String SIGNED_IN =
      "{\"status\":\"SIGNED_IN\",\"profile\":\"acme\",\"username\":\"bob\","
          + "\"expiration\":\"2026-11-30T08:19:00Z\"}";
  private static final String CODE_FIELD =
      "{\"name\":\"CONFIRMATION_CODE\",\"label\":\"Code\",\"secret\":true}";
  private static final String CONFIRMATION_REQUIRED =
      "{\"status\":\"CONFIRMATION_REQUIRED\",\"profile\":\"acme\","
          + "\"username\":\"bob\",\"message\":\"Enter the code sent by e-mail to b***@e***.\","
          + "\"delivery\":{\"destination\":\"b***@e***\",\"medium\":\"EMAIL\",\"attribute\":\"email\"},"
          + "\"fields\":["
          + CODE_FIELD
          + "]}";
  private static final String RESET_CODE_SENT =
      "{\"status\":\"CODE_SENT\",\"profile\":\"acme\",\"username\":\"bob\","
          + "\"message\":\"Enter the code sent by SMS to +*******1234 and choose a new password.\","
          + "\"fields\":["
          + CODE_FIELD
          + ",{\"name\":\"NEW_PASSWORD\",\"label\":\"New password\",\"secret\":true,"
          + "\"confirm\":true}]}";
  private static final String POLICY =
      "{\"code\":\"InvalidPasswordException\","
          + "\"message\":\"the user pool refuses this password: it needs a digit\"}";

  @Test
  void signupAsksTheEmailThenMissingAttributesThenTheCodeAndSignsIn() throws IOException {
    daemon
        .reply(
            "POST",
            PROFILE + "signup",
            200,
            "{\"status\":\"ATTRIBUTES_REQUIRED\",\"profile\":\"acme\","
                + "\"message\":\"The user pool needs more about you.\","
                + "\"fields\":[{\"name\":\"given_name\",\"label\":\"Given name\",\"secret\":false}]}")
        .reply("POST", PROFILE + "signup", 200, CONFIRMATION_REQUIRED)
        .reply("POST", PROFILE + "signup/confirm", 200, "{\"status\":\"CONFIRMED\"}")
        .reply("POST", PROFILE + "login", 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "Bob#Pass12\nbob@example.com\nBob\n424242\n",
            "signup",
            "--profile",
            "acme",
            "--username",
            "bob",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode first = JSON.readTree(daemon.requests().get(0).body());
    assertThat(first.path("password").asText()).isEqualTo("Bob#Pass12");
    assertThat(first.path("attributes").path("email").asText()).isEqualTo("bob@example.com");
    JsonNode second = JSON.readTree(daemon.requests().get(1).body());
    assertThat(second.path("attributes").path("given_name").asText()).isEqualTo("Bob");
    JsonNode confirm = JSON.readTree(daemon.requests().get(2).body());
    assertThat(confirm.path("username").asText()).isEqualTo("bob");
    assertThat(confirm.path("code").asText()).isEqualTo("424242");
    JsonNode login = JSON.readTree(daemon.requests().get(3).body());
    assertThat(login.path("password").asText()).isEqualTo("Bob#Pass12");
    assertThat(result.err()).contains("b***@e***").contains("needs more about you");
    assertThat(result.out())
        .contains("Account bob confirmed")
        .contains("Signed in to profile acme as bob");
    assertThat(result.out() + result.err()).doesNotContain("Bob#Pass12").doesNotContain("424242");
  }

  @Test
  void signupAtATerminalAsksAgainForAPasswordThePolicyRefusesAndSignsInWithTheAcceptedOne()
      throws IOException {
    daemon
        .reply("POST", PROFILE + "signup", 400, POLICY)
        .reply("POST", PROFILE + "signup", 200, "{\"status\":\"CONFIRMED\"}")
        .reply("POST", PROFILE + "login", 200, SIGNED_IN);
    ScriptedTerminal terminal =
        new ScriptedTerminal(
            "bob", "weakpass", "weakpass", "bob@example.com", "Strong#Pass2", "Strong#Pass2");

    ClientRun.Result result =
        ClientRun.withTerminal(daemon.env(), terminal, "signup", "--profile", "acme");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(terminal.prompts).containsExactly("Username: ", "E-mail address: ");
    assertThat(result.err()).contains("it needs a digit");
    assertThat(JSON.readTree(daemon.requests().get(1).body()).path("password").asText())
        .isEqualTo("Strong#Pass2");
    assertThat(JSON.readTree(daemon.requests().get(2).body()).path("password").asText())
        .isEqualTo("Strong#Pass2");
  }

  @Test
  void signupWithAnEmailUsernameAndAttributesAsksNothingMore() throws IOException {
    daemon.reply("POST", PROFILE + "signup", 200, "{\"status\":\"CONFIRMED\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "Bob#Pass12\n",
            "signup",
            "--profile",
            "acme",
            "--username",
            "bob@example.com",
            "--password-stdin",
            "--no-login",
            "--attribute",
            "custom:company=Acme");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode attributes = JSON.readTree(daemon.requests().get(0).body()).path("attributes");
    assertThat(attributes.path("custom:company").asText()).isEqualTo("Acme");
    assertThat(attributes.has("email")).isFalse();
    assertThat(daemon.requests()).hasSize(1);
    assertThat(result.out())
        .contains("cognito-creds login --profile acme --username bob@example.com");
  }

  @Test
  void signupConfirmOnlySendsTheCodeAndNeedsNoPasswordWithoutLogin() throws IOException {
    daemon.reply("POST", PROFILE + "signup/confirm", 200, "{\"status\":\"CONFIRMED\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "424242\n",
            "signup",
            "--confirm",
            "--no-login",
            "--profile",
            "acme",
            "--username",
            "bob",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(daemon.requests())
        .extracting(StubDaemon.Request::path)
        .containsExactly(PROFILE + "signup/confirm");
    assertThat(JSON.readTree(daemon.requests().get(0).body()).path("code").asText())
        .isEqualTo("424242");
  }

  @Test
  void signupResendAsksForANewCodeFirst() {
    daemon
        .reply("POST", PROFILE + "signup/resend", 200, CONFIRMATION_REQUIRED)
        .reply("POST", PROFILE + "signup/confirm", 200, "{\"status\":\"CONFIRMED\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "424242\n",
            "signup",
            "--resend",
            "--no-login",
            "--profile",
            "acme",
            "--username",
            "bob",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(daemon.requests())
        .extracting(StubDaemon.Request::path)
        .containsExactly(PROFILE + "signup/resend", PROFILE + "signup/confirm");
  }

  @Test
  void aWrongConfirmationCodeFromStdinExits5WithTheResendHint() {
    daemon.reply(
        "POST",
        PROFILE + "signup/confirm",
        400,
        "{\"code\":\"CodeMismatchException\",\"message\":"
            + "\"that code is not the one Cognito sent: check it and try again, or get a new one with "
            + "`cognito-creds signup --resend --profile acme --username bob`\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "111111\n222222\n",
            "signup",
            "--confirm",
            "--no-login",
            "--profile",
            "acme",
            "--username",
            "bob",
            "--password-stdin");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(result.err()).contains("cognito-creds signup --resend");
    assertThat(daemon.requests()).hasSize(1);
  }

  @Test
  void passwdAsksAgainForANewPasswordThePolicyRefuses() throws IOException {
    daemon
        .reply("POST", PROFILE + "password", 400, POLICY)
        .reply(
            "POST",
            PROFILE + "password",
            200,
            "{\"status\":\"PASSWORD_CHANGED\",\"profile\":\"acme\"}");
    ScriptedTerminal terminal =
        new ScriptedTerminal("Old#Pass1", "weakpass", "weakpass", "Strong#Pass2", "Strong#Pass2");

    ClientRun.Result result =
        ClientRun.withTerminal(daemon.env(), terminal, "passwd", "--profile", "acme");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(terminal.secretPrompts)
        .containsExactly(
            "Current password: ",
            "New password: ",
            "New password (again): ",
            "New password: ",
            "New password (again): ");
    JsonNode second = JSON.readTree(daemon.requests().get(1).body());
    assertThat(second.path("oldPassword").asText()).isEqualTo("Old#Pass1");
    assertThat(second.path("newPassword").asText()).isEqualTo("Strong#Pass2");
    assertThat(result.err()).contains("it needs a digit");
    assertThat(result.out()).contains("Password changed for profile acme");
  }

  @Test
  void passwdWithAWrongCurrentPasswordExits5AndWhenSignedOutExits4() {
    daemon.reply(
        "POST",
        PROFILE + "password",
        401,
        "{\"code\":\"NotAuthorizedException\",\"message\":\"the current password is wrong: nothing was changed\"}");
    ClientRun.Result wrong =
        ClientRun.withStdin(
            daemon.env(), "bad\nStrong#Pass2\n", "passwd", "--profile", "acme", "--password-stdin");
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(wrong.err()).contains("the current password is wrong");

    daemon.reply(
        "POST",
        "/v1/profiles/gone/password",
        409,
        "{\"code\":\"SignedOut\",\"message\":\"profile gone is signed out: run `cognito-creds login --profile gone`\"}");
    ClientRun.Result signedOut =
        ClientRun.withStdin(
            daemon.env(), "a\nb\n", "passwd", "--profile", "gone", "--password-stdin");
    assertThat(signedOut.exitCode()).isEqualTo(ExitCodes.SIGNED_OUT);
  }

  @Test
  void passwdWithoutTerminalOrStdinIsAUsageError() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "passwd", "--profile", "acme");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--password-stdin");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void resetPasswordSendsTheCodeAndNewPasswordThenSignsInWithIt() throws IOException {
    daemon
        .reply("POST", PROFILE + "password-reset", 200, RESET_CODE_SENT)
        .reply("POST", PROFILE + "password-reset/confirm", 200, "{\"status\":\"PASSWORD_RESET\"}")
        .reply("POST", PROFILE + "login", 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "777777\nNew#Pass33\n",
            "reset-password",
            "--profile",
            "acme",
            "--username",
            "bob",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(JSON.readTree(daemon.requests().get(0).body()).path("username").asText())
        .isEqualTo("bob");
    JsonNode confirm = JSON.readTree(daemon.requests().get(1).body());
    assertThat(confirm.path("code").asText()).isEqualTo("777777");
    assertThat(confirm.path("newPassword").asText()).isEqualTo("New#Pass33");
    JsonNode login = JSON.readTree(daemon.requests().get(2).body());
    assertThat(login.path("username").asText()).isEqualTo("bob");
    assertThat(login.path("password").asText()).isEqualTo("New#Pass33");
    assertThat(result.err()).contains("+*******1234");
    assertThat(result.out())
        .contains("Password of bob reset")
        .contains("Signed in to profile acme as bob");
  }
}

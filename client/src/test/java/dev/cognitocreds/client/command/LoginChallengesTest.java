package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.client.prompt.TerminalQrCode;
import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.ScriptedTerminal;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * MFA challenges through the generic conversation: QR code, --mfa-code, a second try at a terminal
 * only.
 */
class LoginChallengesTest extends WithStubDaemon {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOGIN = "/v1/profiles/acme/login";
  private static final String SIGNED_IN =
      "{\"status\":\"SIGNED_IN\",\"profile\":\"acme\",\"username\":\"alice\","
          + "\"expiration\":\"2026-11-30T08:19:00Z\"}";
  private static final String URI =
      "otpauth://totp/us-east-2_Pool1:alice?secret=JBSWY3DPEHPK3PXP&issuer=us-east-2_Pool1";
  private static final String MFA_SETUP =
      "{\"status\":\"CHALLENGE\",\"profile\":\"acme\",\"conversation\":\"c1\","
          + "\"challenge\":\"MFA_SETUP\",\"message\":\"Set up multi-factor authentication.\","
          + "\"expiresAt\":\"2026-11-30T07:22:00Z\","
          + "\"fields\":[{\"name\":\"USER_CODE\",\"label\":\"Code from your authenticator app\",\"secret\":true}],"
          + "\"parameters\":{\"secretCode\":\"JBSWY3DPEHPK3PXP\",\"otpauthUri\":\""
          + URI
          + "\"}}";
  private static final String SMS =
      "{\"status\":\"CHALLENGE\",\"profile\":\"acme\",\"conversation\":\"c2\","
          + "\"challenge\":\"SMS_MFA\",\"message\":\"Enter the code sent by SMS to +*******1234.\","
          + "\"expiresAt\":\"2026-11-30T07:22:00Z\","
          + "\"fields\":[{\"name\":\"SMS_MFA_CODE\",\"label\":\"SMS code\",\"secret\":true}],"
          + "\"parameters\":{\"CODE_DELIVERY_DESTINATION\":\"+*******1234\"}}";
  private static final String MISMATCH =
      "{\"code\":\"CodeMismatchException\","
          + "\"message\":\"Invalid code received for user (check the code and try again)\"}";

  @Test
  void mfaSetupShowsTheSecretAsTextAndAsAQrCode() throws IOException {
    daemon.reply("POST", LOGIN, 200, MFA_SETUP).reply("POST", LOGIN, 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "pw\n123456\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("Secret key (to type in instead): JBSWY3DPEHPK3PXP")
        .contains(URI)
        .contains(String.join(System.lineSeparator(), TerminalQrCode.lines(URI)))
        .contains("expires in a few minutes (by 07:22:00 UTC, in about 3 minutes)");
    JsonNode answers = JSON.readTree(daemon.requests().get(1).body()).path("answers");
    assertThat(answers.path("USER_CODE").asText()).isEqualTo("123456");
  }

  @Test
  void mfaCodeOptionAnswersTheCodeChallengeWithoutAnotherStdinLine() throws IOException {
    daemon.reply("POST", LOGIN, 200, SMS).reply("POST", LOGIN, 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "pw\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin",
            "--mfa-code",
            "654321");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("+*******1234");
    assertThat(
            JSON.readTree(daemon.requests().get(1).body())
                .path("answers")
                .path("SMS_MFA_CODE")
                .asText())
        .isEqualTo("654321");
  }

  @Test
  void aMistypedCodeIsAskedAgainAtATerminalInTheSameConversation() throws IOException {
    daemon
        .reply("POST", LOGIN, 200, SMS)
        .reply("POST", LOGIN, 400, MISMATCH)
        .reply("POST", LOGIN, 200, SIGNED_IN);
    ScriptedTerminal terminal = new ScriptedTerminal("pw", "111111", "222222");

    ClientRun.Result result =
        ClientRun.withTerminal(
            daemon.env(), terminal, "login", "--profile", "acme", "--username", "alice");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(terminal.secretPrompts).containsExactly("Password: ", "SMS code: ", "SMS code: ");
    assertThat(daemon.requests()).hasSize(3);
    JsonNode retry = JSON.readTree(daemon.requests().get(2).body());
    assertThat(retry.path("conversation").asText()).isEqualTo("c2");
    assertThat(retry.path("answers").path("SMS_MFA_CODE").asText()).isEqualTo("222222");
    assertThat(result.err())
        .contains("Invalid code received for user")
        .contains("Try again (by 07:22:00 UTC");
  }

  @Test
  void aWrongPresetCodeFallsBackToThePersonAtTheTerminal() throws IOException {
    daemon
        .reply("POST", LOGIN, 200, SMS)
        .reply("POST", LOGIN, 400, MISMATCH)
        .reply("POST", LOGIN, 200, SIGNED_IN);
    ScriptedTerminal terminal = new ScriptedTerminal("pw", "222222");

    ClientRun.Result result =
        ClientRun.withTerminal(
            daemon.env(),
            terminal,
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--mfa-code",
            "111111");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(
            JSON.readTree(daemon.requests().get(1).body())
                .path("answers")
                .path("SMS_MFA_CODE")
                .asText())
        .isEqualTo("111111");
    assertThat(
            JSON.readTree(daemon.requests().get(2).body())
                .path("answers")
                .path("SMS_MFA_CODE")
                .asText())
        .isEqualTo("222222");
  }

  @Test
  void withStdinAWrongCodeEndsTheSignInAtOnceWithExit5() {
    daemon.reply("POST", LOGIN, 200, SMS).reply("POST", LOGIN, 400, MISMATCH);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "pw\n111111\n222222\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(result.err())
        .contains("Invalid code received for user (check the code and try again)");
    assertThat(daemon.requests()).hasSize(2);
  }

  @Test
  void atATerminalGivesUpAfterThreeWrongCodes() {
    daemon.reply("POST", LOGIN, 200, SMS).reply("POST", LOGIN, 400, MISMATCH);
    ScriptedTerminal terminal = new ScriptedTerminal("pw", "1", "2", "3", "4");

    ClientRun.Result result =
        ClientRun.withTerminal(
            daemon.env(), terminal, "login", "--profile", "acme", "--username", "alice");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(daemon.requests()).hasSize(1 + AnswerRounds.ATTEMPTS);
  }

  @Test
  void anotherRefusalIsNotRetried() {
    daemon
        .reply("POST", LOGIN, 200, SMS)
        .reply(
            "POST",
            LOGIN,
            410,
            "{\"code\":\"ConversationExpired\",\"message\":\"the sign-in took too long: run login again\"}");
    ScriptedTerminal terminal = new ScriptedTerminal("pw", "1", "2");

    ClientRun.Result result =
        ClientRun.withTerminal(
            daemon.env(), terminal, "login", "--profile", "acme", "--username", "alice");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(result.err()).contains("took too long");
    assertThat(daemon.requests()).hasSize(2);
  }
}

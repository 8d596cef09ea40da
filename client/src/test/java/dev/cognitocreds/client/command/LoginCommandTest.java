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

class LoginCommandTest extends WithStubDaemon {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOGIN = "/v1/profiles/acme/login";
  private static final String SIGNED_IN =
      "{\"status\":\"SIGNED_IN\",\"profile\":\"acme\",\"username\":\"alice\","
          + "\"identityId\":\"us-east-2:abc\",\"expiration\":\"2026-11-30T08:19:00Z\"}";
  private static final String NEW_PASSWORD_CHALLENGE =
      "{\"status\":\"CHALLENGE\",\"profile\":\"acme\",\"conversation\":\"c9f\","
          + "\"challenge\":\"NEW_PASSWORD_REQUIRED\","
          + "\"message\":\"Your temporary password has to be replaced before the first sign-in.\","
          + "\"expiresAt\":\"2026-11-30T07:40:00Z\","
          + "\"fields\":[{\"name\":\"NEW_PASSWORD\",\"label\":\"New password\",\"secret\":true,\"confirm\":true},"
          + "{\"name\":\"userAttributes.name\",\"label\":\"Full name\",\"secret\":false}],"
          + "\"parameters\":{\"CODE_DELIVERY_DESTINATION\":\"+*******1234\"}}";

  @Test
  void signsInWithPasswordFromStdin() throws IOException {
    daemon.reply("POST", LOGIN, 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "Temp#Pass1\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Signed in to profile acme as alice")
        .contains("2026-11-30T08:19:00Z");
    StubDaemon.Request request = daemon.requests().get(0);
    assertThat(request.headers()).containsEntry("authorization", StubDaemon.TOKEN);
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("username").asText()).isEqualTo("alice");
    assertThat(body.path("password").asText()).isEqualTo("Temp#Pass1");
  }

  @Test
  void answersNewPasswordRequiredFromTheFollowingLines() throws IOException {
    daemon.reply("POST", LOGIN, 200, NEW_PASSWORD_CHALLENGE).reply("POST", LOGIN, 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "Temp#Pass1\nNew#Pass22\nAlice Liddell\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(daemon.requests()).hasSize(2);
    JsonNode continuation = JSON.readTree(daemon.requests().get(1).body());
    assertThat(continuation.path("conversation").asText()).isEqualTo("c9f");
    assertThat(continuation.path("answers").path("NEW_PASSWORD").asText()).isEqualTo("New#Pass22");
    assertThat(continuation.path("answers").path("userAttributes.name").asText())
        .isEqualTo("Alice Liddell");
    assertThat(continuation.has("password")).isFalse();
    assertThat(result.err())
        .contains("temporary password has to be replaced")
        .contains("+*******1234");
    assertThat(result.out() + result.err())
        .doesNotContain("Temp#Pass1")
        .doesNotContain("New#Pass22");
  }

  @Test
  void missingAnswerLineIsAUsageErrorNotAWait() {
    daemon.reply("POST", LOGIN, 200, NEW_PASSWORD_CHALLENGE);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "Temp#Pass1\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("New password").contains("stdin has no more lines");
    assertThat(daemon.requests()).hasSize(1);
  }

  @Test
  void pickListAcceptsTheChoiceNumber() throws IOException {
    daemon
        .reply(
            "POST",
            LOGIN,
            200,
            "{\"status\":\"CHALLENGE\",\"conversation\":\"c1\",\"challenge\":\"SELECT_MFA_TYPE\","
                + "\"message\":\"Pick a second factor.\",\"fields\":[{\"name\":\"ANSWER\",\"label\":\"Second factor\","
                + "\"secret\":false,\"choices\":[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]}]}")
        .reply("POST", LOGIN, 200, SIGNED_IN);

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "pw\n2\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(
            JSON.readTree(daemon.requests().get(1).body()).path("answers").path("ANSWER").asText())
        .isEqualTo("SOFTWARE_TOKEN_MFA");
  }

  @Test
  void wrongPasswordPrintsTheDaemonMessageAndExits5() {
    daemon.reply(
        "POST",
        LOGIN,
        401,
        "{\"code\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "nope\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(result.err()).isEqualTo("Incorrect username or password." + System.lineSeparator());
  }

  @Test
  void expiredConversationExits5() {
    daemon
        .reply("POST", LOGIN, 200, NEW_PASSWORD_CHALLENGE)
        .reply(
            "POST",
            LOGIN,
            410,
            "{\"code\":\"ConversationExpired\",\"message\":\"The sign-in took too long: run login again.\"}");

    ClientRun.Result result =
        ClientRun.withStdin(
            daemon.env(),
            "a\nb\nc\n",
            "login",
            "--profile",
            "acme",
            "--username",
            "alice",
            "--password-stdin");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGN_IN_REFUSED);
    assertThat(result.err()).contains("The sign-in took too long: run login again.");
  }

  @Test
  void flowOptionSelectsTheFlowRoute() {
    daemon.reply("POST", LOGIN + "/USER_PASSWORD_AUTH", 200, SIGNED_IN);

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
            "--flow",
            "USER_PASSWORD_AUTH");

    assertThat(result.exitCode()).isZero();
    assertThat(daemon.requests().get(0).path()).isEqualTo(LOGIN + "/USER_PASSWORD_AUTH");
  }

  @Test
  void withoutTerminalOrPasswordStdinFailsAtOnce() {
    ClientRun.Result result =
        ClientRun.run(daemon.env(), "login", "--profile", "acme", "--username", "alice");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--password-stdin");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void passwordStdinNeedsAUsername() {
    ClientRun.Result result =
        ClientRun.withStdin(daemon.env(), "pw\n", "login", "--profile", "acme", "--password-stdin");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--password-stdin needs --username");
  }

  @Test
  void profileComesFromAwsProfileWhenNotGiven() {
    daemon.reply("POST", "/v1/profiles/beta/login", 200, SIGNED_IN);
    var env = new java.util.HashMap<>(daemon.env());
    env.put("AWS_PROFILE", "beta");

    ClientRun.Result result =
        ClientRun.withStdin(env, "pw\n", "login", "--username", "alice", "--password-stdin");

    assertThat(result.exitCode()).isZero();
    assertThat(daemon.requests().get(0).path()).isEqualTo("/v1/profiles/beta/login");
  }

  @Test
  void atATerminalAsksEverythingAndNeverPrintsASecret() throws IOException {
    daemon.reply("POST", LOGIN, 200, NEW_PASSWORD_CHALLENGE).reply("POST", LOGIN, 200, SIGNED_IN);
    ScriptedTerminal terminal =
        new ScriptedTerminal("alice", "Temp#Pass1", "New#Pass22", "New#Pass22", "Alice");

    ClientRun.Result result =
        ClientRun.withTerminal(daemon.env(), terminal, "login", "--profile", "acme");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(terminal.prompts).containsExactly("Username: ", "Full name: ");
    assertThat(terminal.secretPrompts)
        .containsExactly("Password: ", "New password: ", "New password (again): ");
    assertThat(JSON.readTree(daemon.requests().get(0).body()).path("username").asText())
        .isEqualTo("alice");
    assertThat(
            JSON.readTree(daemon.requests().get(1).body())
                .path("answers")
                .path("NEW_PASSWORD")
                .asText())
        .isEqualTo("New#Pass22");
    assertThat(result.out() + result.err() + terminal.printed)
        .doesNotContain("Temp#Pass1")
        .doesNotContain("New#Pass22");
  }
}

package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCommandTest extends WithStubDaemon {
  private static final String STATUS =
      "{\"version\":\"0.1.0\",\"port\":41729,\"configFile\":\"/home/u/.aws/config\","
          + "\"profiles\":["
          + "{\"profile\":\"acme\",\"state\":\"SIGNED_IN\",\"username\":\"alice\",\"sub\":\"s-1\",\"identityId\":\"us-east-2:1\","
          + "\"expiration\":\"2026-11-30T08:00:00Z\",\"nextRefresh\":\"2026-11-30T07:41:30Z\",\"lastError\":null,"
          + "\"store\":\"file\",\"problems\":[],\"warnings\":[\"cognito_new_key is ignored\"]},"
          + "{\"profile\":\"broken\",\"state\":\"INVALID\",\"username\":null,\"expiration\":null,\"nextRefresh\":null,"
          + "\"lastError\":null,\"store\":null,"
          + "\"problems\":[\"/home/u/.aws/config [profile broken] cognito_client_id: missing\"]},"
          + "{\"profile\":\"gone\",\"state\":\"SIGNED_OUT\",\"username\":\"bob\",\"expiration\":null,\"nextRefresh\":null,"
          + "\"lastError\":\"refresh token revoked\",\"store\":\"file\",\"problems\":[]}]}";

  @BeforeEach
  void answerStatus() {
    daemon.reply("GET", "/v1/status", 200, STATUS);
  }

  @Test
  void tableShowsOneRowPerProfileWithRelativeTimes() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "status");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines())
        .containsSubsequence(
            "cognito-credsd 0.1.0 on 127.0.0.1:41729, config /home/u/.aws/config",
            "PROFILE  STATE       USER   EXPIRES  NEXT REFRESH  STORE",
            "acme     SIGNED_IN   alice  in 41m   in 22m        file",
            "broken   INVALID     -      -        -             -",
            "gone     SIGNED_OUT  bob    -        -             file",
            "acme: warning: cognito_new_key is ignored",
            "broken: /home/u/.aws/config [profile broken] cognito_client_id: missing",
            "gone: last error: refresh token revoked");
    assertThat(daemon.requests().get(0).headers()).containsEntry("authorization", StubDaemon.TOKEN);
  }

  @Test
  void jsonPrintsTheDaemonAnswerAsItIs() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "status", "--json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(STATUS + System.lineSeparator());
  }

  @Test
  void noProfilesSaysWhatToAdd() throws IOException {
    try (StubDaemon empty = new StubDaemon(home.resolve("other"))) {
      empty.reply(
          "GET",
          "/v1/status",
          200,
          "{\"version\":\"0.1.0\",\"port\":1,\"configFile\":\"/c\",\"profiles\":[]}");

      ClientRun.Result result = ClientRun.run(empty.env(), "status");

      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).contains("No cognito profiles").contains("cognito_user_pool_id");
    }
  }

  @Test
  void badTokenIsPrintedAsTheDaemonSaysAndExits1() throws IOException {
    try (StubDaemon refusing = new StubDaemon(home.resolve("other"))) {
      refusing.reply(
          "GET", "/v1/status", 403, "{\"code\":\"BadToken\",\"message\":\"wrong endpoint token\"}");

      ClientRun.Result result = ClientRun.run(refusing.env(), "status");

      assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(result.err()).isEqualTo("wrong endpoint token" + System.lineSeparator());
    }
  }
}

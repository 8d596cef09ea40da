package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvCommandTest extends WithStubDaemon {
  private static final String STATUS =
      "{\"version\":\"0.1.0\",\"port\":41729,\"configFile\":\"/home/u/.aws/config\","
          + "\"profiles\":[{\"profile\":\"acme\",\"state\":\"SIGNED_IN\"},{\"profile\":\"gone\",\"state\":\"SIGNED_OUT\"}]}";

  @BeforeEach
  void answerStatus() {
    daemon.reply("GET", "/v1/status", 200, STATUS);
  }

  @Test
  void printsTheTwoExportLines() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "env", "--profile", "acme");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "export AWS_CONTAINER_CREDENTIALS_FULL_URI="
                + daemon.endpoint()
                + "/v1/profiles/acme/credentials",
            "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="
                + home.resolve("state/cognito-creds/auth-token"));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void profileFromAwsProfileAndWarningWhenSignedOut() {
    Map<String, String> env = new HashMap<>(daemon.env());
    env.put("AWS_PROFILE", "gone");

    ClientRun.Result result = ClientRun.run(env, "env");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("/v1/profiles/gone/credentials");
    assertThat(result.err())
        .contains("profile gone is signed out: run `cognito-creds login --profile gone`");
  }

  @Test
  void unknownProfileIsAnErrorNamingTheKnownOnes() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "env", "--profile", "nope");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("profile nope").contains("acme, gone");
  }

  @Test
  void quotesValuesTheShellWouldSplit() {
    assertThat(
            EnvCommand.shellQuoted("/Users/u/Library/Application Support/cognito-creds/auth-token"))
        .isEqualTo("'/Users/u/Library/Application Support/cognito-creds/auth-token'");
    assertThat(EnvCommand.shellQuoted("/it's")).isEqualTo("'/it'\\''s'");
    assertThat(EnvCommand.shellQuoted("http://127.0.0.1:41729/v1/profiles/acme/credentials"))
        .isEqualTo("http://127.0.0.1:41729/v1/profiles/acme/credentials");
  }
}

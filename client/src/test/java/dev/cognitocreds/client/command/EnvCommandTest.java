package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvCommandTest extends WithStubDaemon {
  private static final String STATUS =
      "{\"version\":\"0.1.0\",\"port\":41729,\"configFile\":\"/home/u/.aws/config\","
          + "\"profiles\":[{\"profile\":\"acme\",\"state\":\"SIGNED_IN\"},{\"profile\":\"gone\",\"state\":\"SIGNED_OUT\"}]}";
  private static final String STALE =
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/stale/token AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/x"
          + " AWS_CONTAINER_AUTHORIZATION_TOKEN=stale";

  @BeforeEach
  void answerStatus() {
    daemon.reply("GET", "/v1/status", 200, STATUS);
  }

  @Test
  void exportsTheTokenItselfAndUnsetsWhatWouldTakePrecedence() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "env", "--profile", "acme");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "unset AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "export AWS_CONTAINER_CREDENTIALS_FULL_URI="
                + daemon.endpoint()
                + "/v1/profiles/acme/credentials",
            "export AWS_CONTAINER_AUTHORIZATION_TOKEN=" + StubDaemon.TOKEN);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void whatItPrintsLeavesExactlyTheTwoVariablesInBashAndDash() throws Exception {
    String printed = ClientRun.run(daemon.env(), "env", "--profile", "acme").out();

    for (String shell : List.of("bash", "dash")) {
      assertThat(containerVariablesAfter(shell, printed))
          .as(shell)
          .containsExactly(
              "AWS_CONTAINER_AUTHORIZATION_TOKEN=" + StubDaemon.TOKEN,
              "AWS_CONTAINER_CREDENTIALS_FULL_URI="
                  + daemon.endpoint()
                  + "/v1/profiles/acme/credentials");
    }
  }

  @Test
  void tokenFileExportsThePathInsteadAndUnsetsTheToken() throws Exception {
    ClientRun.Result result =
        ClientRun.run(daemon.env(), "env", "--profile", "acme", "--token-file");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).doesNotContain(StubDaemon.TOKEN);
    assertThat(containerVariablesAfter("bash", result.out()))
        .containsExactly(
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="
                + home.resolve("state/cognito-creds/auth-token"),
            "AWS_CONTAINER_CREDENTIALS_FULL_URI="
                + daemon.endpoint()
                + "/v1/profiles/acme/credentials");
  }

  @Test
  void fishAndCshLines() {
    ClientRun.Result fish =
        ClientRun.run(daemon.env(), "env", "--profile", "acme", "--shell", "fish");
    ClientRun.Result csh =
        ClientRun.run(daemon.env(), "env", "--profile", "acme", "--shell", "tcsh", "--token-file");

    assertThat(fish.out().lines())
        .containsExactly(
            "set -e AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "set -e AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI "
                + daemon.endpoint()
                + "/v1/profiles/acme/credentials",
            "set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN " + StubDaemon.TOKEN);
    assertThat(csh.out().lines())
        .containsExactly(
            "unsetenv AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;",
            "unsetenv AWS_CONTAINER_AUTHORIZATION_TOKEN;",
            "setenv AWS_CONTAINER_CREDENTIALS_FULL_URI "
                + daemon.endpoint()
                + "/v1/profiles/acme/credentials;",
            "setenv AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE "
                + home.resolve("state/cognito-creds/auth-token")
                + ";");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    ClientRun.Result result = ClientRun.run(daemon.env(), "env", "--shell", "cmd.exe");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("unknown shell cmd.exe").contains("fish");
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
    String spaced = "/Users/u/Library/Application Support/cognito-creds/auth-token";
    assertThat(ShellSyntax.SH.export("X", spaced)).isEqualTo("export X='" + spaced + "'");
    assertThat(ShellSyntax.SH.export("X", "/it's")).isEqualTo("export X='/it'\\''s'");
    assertThat(ShellSyntax.FISH.export("X", "/it's \\")).isEqualTo("set -gx X '/it\\'s \\\\'");
    assertThat(ShellSyntax.CSH.export("X", "/a b!")).isEqualTo("setenv X '/a b\\!';");
    assertThat(ShellSyntax.SH.export("X", "http://127.0.0.1:41729/v1/profiles/acme/credentials"))
        .isEqualTo("export X=http://127.0.0.1:41729/v1/profiles/acme/credentials");
  }

  @Test
  void aPathWithQuotesAndSpacesSurvivesTheShell() throws Exception {
    String path = "/tmp/it's a \"path\"/$HOME/`x`";

    assertThat(
            containerVariablesAfter(
                "bash", ShellSyntax.SH.export("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path)))
        .contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=" + path);
  }

  /** The AWS_CONTAINER_* variables, sorted, after {@code shell} evaluated {@code printed}. */
  private static List<String> containerVariablesAfter(String shell, String printed)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                shell,
                "-c",
                "export " + STALE + "; eval \"$1\"; env | grep '^AWS_CONTAINER_' | sort",
                shell,
                printed)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}

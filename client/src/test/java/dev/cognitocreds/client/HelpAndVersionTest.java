package dev.cognitocreds.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {
  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "login",
        "logout",
        "status",
        "env",
        "credential-process",
        "signup",
        "passwd",
        "reset-password"
      })
  void everyCommandHasHelpAndVersion(String command) {
    ClientRun.Result help = ClientRun.run(StubDaemon.envFor(home), command, "--help");
    ClientRun.Result version = ClientRun.run(StubDaemon.envFor(home), command, "--version");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("cognito-creds " + command).contains("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip()).isEqualTo("cognito-creds 0.1.0");
  }

  /**
   * picocli expands ${VAR} in descriptions: an unset variable must not turn a path into "null/…".
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "configure podman",
        "configure docker",
        "configure profile",
        "configure all",
        "doctor",
        "service install",
        "env"
      })
  void helpShowsVariablesLiterally(String command) {
    ClientRun.Result help =
        ClientRun.run(StubDaemon.envFor(home), (command + " --help").split(" "));

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).doesNotContain("null/").doesNotContain("null ");
  }

  @Test
  void podmanHelpNamesTheRuntimeFolderVariable() {
    ClientRun.Result help = ClientRun.run(StubDaemon.envFor(home), "configure", "podman", "--help");

    assertThat(help.out()).contains("${XDG_RUNTIME_DIR}/containers/auth.json");
  }

  @Test
  void noCommandIsAUsageError() {
    ClientRun.Result result = ClientRun.run(StubDaemon.envFor(home));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Missing command").contains("login");
  }

  @Test
  void unknownOptionIsAUsageError() {
    ClientRun.Result result = ClientRun.run(StubDaemon.envFor(home), "status", "--bogus");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}

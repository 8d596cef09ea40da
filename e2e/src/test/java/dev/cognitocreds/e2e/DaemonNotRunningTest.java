package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.Cli;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.TempHome;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without a daemon every command says so, names the command that starts it, and exits 3. */
class DaemonNotRunningTest {

  private TempHome home;
  private Cli cli;

  @BeforeEach
  void createHome() {
    home = TempHome.create("no-daemon");
    home.writeConfig(DemoPool.profile("acme", URI.create("http://127.0.0.1:9")).toIni());
    cli = new Cli(home);
  }

  @AfterEach
  void deleteHome() {
    home.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "login --help",
        "logout --help",
        "status --help",
        "env --help",
        "credential-process --help"
      })
  void helpNeedsNoDaemon(String command) {
    CommandResult help = cli.run(command.split(" "));

    assertThat(help.exitCode()).as("%s", help).isZero();
    assertThat(help.stdout()).contains("Usage");
  }

  @Test
  void versionNeedsNoDaemon() {
    CommandResult version = cli.run("--version");

    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdout()).contains("0.1.0");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void credentialProcessAndStatusExitWith3AndSayHowToStartTheDaemon(boolean staleEndpointFile)
      throws Exception {
    if (staleEndpointFile) {
      // What a killed daemon leaves behind: an address nobody listens on.
      Files.createDirectories(home.endpointFile().getParent());
      Files.writeString(home.endpointFile(), "http://127.0.0.1:" + FreePort.onLoopback() + "\n");
    }

    CommandResult credentialProcess = cli.run("credential-process", "--profile", "acme");
    assertThat(credentialProcess.exitCode()).as("%s", credentialProcess).isEqualTo(3);
    assertThat(credentialProcess.stdout())
        .as("nothing an SDK could mistake for credentials")
        .isEmpty();
    assertThat(credentialProcess.stderr()).contains("cognito-credsd");

    CommandResult status = cli.run("status");
    assertThat(status.exitCode()).as("%s", status).isEqualTo(3);
    assertThat(status.stderr()).contains("cognito-credsd");
  }
}

package dev.cognitocreds.client.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonDownTest {
  @TempDir Path home;

  private static final String[][] COMMANDS = {
    {"status"},
    {"env"},
    {"logout", "--profile", "acme"},
    {"credential-process", "--profile", "acme"},
    {"login", "--profile", "acme", "--username", "alice", "--password-stdin"},
  };

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void withoutEndpointFileEveryCommandSaysHowToStartTheDaemon(int command) {
    ClientRun.Result result =
        ClientRun.withStdin(StubDaemon.envFor(home), "pw\n", COMMANDS[command]);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(result.err())
        .isEqualTo(
            "cognito-credsd is not running (no endpoint file at "
                + home.resolve("run/cognito-creds/endpoint")
                + "). "
                + startHint()
                + System.lineSeparator());
    assertThat(result.out()).isEmpty();
  }

  @Test
  void refusedConnectionIsDaemonNotRunning() throws IOException {
    Map<String, String> env = StubDaemon.envFor(home);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Files.createDirectories(home.resolve("run/cognito-creds"));
    Files.writeString(
        home.resolve("run/cognito-creds/endpoint"), "http://127.0.0.1:" + closedPort + "\n");
    Files.createDirectories(home.resolve("state/cognito-creds"));
    Files.writeString(home.resolve("state/cognito-creds/auth-token"), "t");

    ClientRun.Result result = ClientRun.run(env, "status");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(result.err())
        .contains("nothing answers at http://127.0.0.1:" + closedPort)
        .contains(startHint());
  }

  @Test
  void suggestsTheUserServiceWhenItsUnitIsInstalled() throws IOException {
    Path units = Files.createDirectories(home.resolve("config/systemd/user"));
    Files.writeString(units.resolve("cognito-credsd.service"), "[Service]\n");

    ClientRun.Result result = ClientRun.run(StubDaemon.envFor(home), "status");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(result.err()).contains("Start it with `systemctl --user start cognito-credsd`.");
  }

  @Test
  void endpointOutsideLoopbackIsRefusedWithoutConnecting() throws IOException {
    Files.createDirectories(home.resolve("run/cognito-creds"));
    Files.writeString(home.resolve("run/cognito-creds/endpoint"), "http://192.0.2.1:41729\n");

    ClientRun.Result result = ClientRun.run(StubDaemon.envFor(home), "status");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(result.err()).contains("does not hold a loopback address");
  }

  /** "cognito-credsd &" unless this machine has the user unit installed system-wide. */
  private String startHint() {
    String hint = DaemonStartHint.of(StubDaemon.envFor(home), "Linux").sentence();
    assertThat(hint)
        .isIn(
            "Start it with `cognito-credsd &`.",
            "Start it with `systemctl --user start cognito-credsd`.");
    return hint;
  }
}

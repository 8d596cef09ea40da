package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon finds its files where the client and the launchers look for them. */
class DaemonPathsTest {

  @Test
  void homeComesFromTheHomeVariableLikeTheClientsAndTheLaunchers() {
    assertThat(DaemonPaths.home(Map.of("HOME", "/tmp/elsewhere"), "/home/alice"))
        .isEqualTo(Path.of("/tmp/elsewhere"));
  }

  @Test
  void homeFallsBackToTheJvmsUserHomeWhenTheVariableIsUnsetOrEmpty() {
    assertThat(DaemonPaths.home(Map.of(), "/home/alice")).isEqualTo(Path.of("/home/alice"));
    assertThat(DaemonPaths.home(Map.of("HOME", ""), "/home/alice"))
        .isEqualTo(Path.of("/home/alice"));
  }

  @Test
  void stateAndConfigFollowTheHomeWithoutXdgVariables() {
    Path home = DaemonPaths.home(Map.of("HOME", "/tmp/h"), "/home/alice");
    DaemonPaths paths = DaemonPaths.from(Map.of("HOME", "/tmp/h"), "Linux", home);

    assertThat(paths.configFile()).isEqualTo(Path.of("/tmp/h/.aws/config"));
    assertThat(paths.sessionsDir())
        .isEqualTo(Path.of("/tmp/h/.local/state/cognito-creds/sessions"));
    assertThat(paths.endpointFile())
        .isEqualTo(Path.of("/tmp/h/.local/state/cognito-creds/endpoint"));
  }
}

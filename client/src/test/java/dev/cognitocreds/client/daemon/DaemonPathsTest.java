package dev.cognitocreds.client.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonPathsTest {
  @Test
  void xdgFoldersWin() {
    DaemonPaths paths =
        DaemonPaths.of(
            Map.of("HOME", "/home/u", "XDG_STATE_HOME", "/s", "XDG_RUNTIME_DIR", "/run/user/1"),
            "Linux");

    assertThat(paths.endpointFile()).isEqualTo(Path.of("/run/user/1/cognito-creds/endpoint"));
    assertThat(paths.tokenFile()).isEqualTo(Path.of("/s/cognito-creds/auth-token"));
    assertThat(paths.sessionsDir()).isEqualTo(Path.of("/s/cognito-creds/sessions"));
  }

  @Test
  void linuxDefaultsToLocalStateForBoth() {
    DaemonPaths paths = DaemonPaths.of(Map.of("HOME", "/home/u"), "Linux");

    assertThat(paths.endpointFile())
        .isEqualTo(Path.of("/home/u/.local/state/cognito-creds/endpoint"));
    assertThat(paths.tokenFile())
        .isEqualTo(Path.of("/home/u/.local/state/cognito-creds/auth-token"));
  }

  @Test
  void macOsUsesApplicationSupport() {
    DaemonPaths paths = DaemonPaths.of(Map.of("HOME", "/Users/u"), "Mac OS X");

    assertThat(paths.endpointFile())
        .isEqualTo(Path.of("/Users/u/Library/Application Support/cognito-creds/endpoint"));
    assertThat(paths.tokenFile())
        .isEqualTo(Path.of("/Users/u/Library/Application Support/cognito-creds/auth-token"));
  }
}

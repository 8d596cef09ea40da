package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

  @Test
  void defaultsToTheFixedPort() {
    assertThat(DaemonOptions.parse())
        .isEqualTo(new DaemonOptions(41729, Optional.empty(), DaemonOptions.Action.SERVE));
  }

  @Test
  void readsPortAndDefaultProfileInBothSpellings() {
    assertThat(DaemonOptions.parse("--port", "0", "--default-profile", "acme"))
        .isEqualTo(new DaemonOptions(0, Optional.of("acme"), DaemonOptions.Action.SERVE));
    assertThat(DaemonOptions.parse("--port=5000", "--default-profile=beta"))
        .isEqualTo(new DaemonOptions(5000, Optional.of("beta"), DaemonOptions.Action.SERVE));
  }

  @Test
  void helpAndVersion() {
    assertThat(DaemonOptions.parse("--help").action()).isEqualTo(DaemonOptions.Action.HELP);
    assertThat(DaemonOptions.parse("--version").action()).isEqualTo(DaemonOptions.Action.VERSION);
    assertThat(DaemonOptions.USAGE).contains("--port", "--default-profile");
  }

  @Test
  void badCommandLinesAreUsageErrors() {
    assertThatThrownBy(() -> DaemonOptions.parse("--port", "x")).hasMessageContaining("number");
    assertThatThrownBy(() -> DaemonOptions.parse("--port", "70000")).hasMessageContaining("65535");
    assertThatThrownBy(() -> DaemonOptions.parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> DaemonOptions.parse("--verbose"))
        .hasMessageContaining("unknown option --verbose");
  }

  @Test
  void pathsFollowXdgAndAwsConfigFile() {
    Path home = Path.of("/home/u");
    DaemonPaths xdg =
        DaemonPaths.from(
            Map.of(
                "AWS_CONFIG_FILE",
                "/etc/aws",
                "XDG_STATE_HOME",
                "/s",
                "XDG_RUNTIME_DIR",
                "/run/user/1"),
            "Linux",
            home);
    assertThat(xdg.configFile()).isEqualTo(Path.of("/etc/aws"));
    assertThat(xdg.tokenFile()).isEqualTo(Path.of("/s/cognito-creds/auth-token"));
    assertThat(xdg.sessionsDir()).isEqualTo(Path.of("/s/cognito-creds/sessions"));
    assertThat(xdg.endpointFile()).isEqualTo(Path.of("/run/user/1/cognito-creds/endpoint"));

    DaemonPaths defaults = DaemonPaths.from(Map.of(), "Linux", home);
    assertThat(defaults.configFile()).isEqualTo(Path.of("/home/u/.aws/config"));
    assertThat(defaults.endpointFile())
        .isEqualTo(Path.of("/home/u/.local/state/cognito-creds/endpoint"));

    DaemonPaths mac = DaemonPaths.from(Map.of(), "Mac OS X", home);
    assertThat(mac.tokenFile())
        .isEqualTo(Path.of("/home/u/Library/Application Support/cognito-creds/auth-token"));
    assertThat(mac.endpointFile())
        .isEqualTo(Path.of("/home/u/Library/Application Support/cognito-creds/endpoint"));
  }
}

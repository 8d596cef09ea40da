package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

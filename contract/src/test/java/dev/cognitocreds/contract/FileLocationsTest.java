package dev.cognitocreds.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileLocationsTest {
  private static final String USER_HOME = "/home/from-passwd";

  @Test
  void xdgFoldersWinOnEveryPlatform() {
    Map<String, String> env =
        Map.of("HOME", "/home/u", "XDG_STATE_HOME", "/s", "XDG_RUNTIME_DIR", "/run/user/1");
    for (String os : new String[] {"Linux", "Mac OS X"}) {
      FileLocations files = FileLocations.of(env, os, USER_HOME);

      assertThat(files.endpointFile()).isEqualTo(Path.of("/run/user/1/cognito-creds/endpoint"));
      assertThat(files.tokenFile()).isEqualTo(Path.of("/s/cognito-creds/auth-token"));
      assertThat(files.sessionsDir()).isEqualTo(Path.of("/s/cognito-creds/sessions"));
      assertThat(files.cdsDir()).isEqualTo(Path.of("/s/cognito-creds/cds"));
    }
  }

  @Test
  void linuxKeepsBothFoldersInLocalStateWithoutXdg() {
    FileLocations files = FileLocations.of(Map.of("HOME", "/home/u"), "Linux", USER_HOME);

    assertThat(files.endpointFile())
        .isEqualTo(Path.of("/home/u/.local/state/cognito-creds/endpoint"));
    assertThat(files.tokenFile())
        .isEqualTo(Path.of("/home/u/.local/state/cognito-creds/auth-token"));
    assertThat(files.configFile()).isEqualTo(Path.of("/home/u/.aws/config"));
  }

  @Test
  void macOsKeepsBothFoldersInApplicationSupport() {
    FileLocations files = FileLocations.of(Map.of("HOME", "/Users/u"), "Mac OS X", USER_HOME);

    assertThat(files.endpointFile())
        .isEqualTo(Path.of("/Users/u/Library/Application Support/cognito-creds/endpoint"));
    assertThat(files.tokenFile())
        .isEqualTo(Path.of("/Users/u/Library/Application Support/cognito-creds/auth-token"));
  }

  @Test
  void theRuntimeFolderFallsBackToTheStateFolder() {
    FileLocations files =
        FileLocations.of(Map.of("HOME", "/home/u", "XDG_STATE_HOME", "/s"), "Linux", USER_HOME);

    assertThat(files.runtimeDir()).isEqualTo(files.stateDir());
  }

  @Test
  void emptyVariablesCountAsUnset() {
    FileLocations files =
        FileLocations.of(
            Map.of("HOME", "", "XDG_STATE_HOME", "", "XDG_RUNTIME_DIR", "", "AWS_CONFIG_FILE", ""),
            "Linux",
            USER_HOME);

    assertThat(files.home()).isEqualTo(Path.of(USER_HOME));
    assertThat(files.endpointFile())
        .isEqualTo(Path.of(USER_HOME, ".local/state/cognito-creds/endpoint"));
    assertThat(files.configFile()).isEqualTo(Path.of(USER_HOME, ".aws/config"));
  }

  @Test
  void theHomeVariableWinsOverTheJvmsUserHome() {
    assertThat(FileLocations.of(Map.of("HOME", "/tmp/h"), "Linux", USER_HOME).home())
        .isEqualTo(Path.of("/tmp/h"));
    assertThat(FileLocations.of(Map.of(), "Linux", USER_HOME).home()).isEqualTo(Path.of(USER_HOME));
  }

  @Test
  void aTildeInAwsConfigFileIsTheHomeFolder() {
    assertThat(config("~/work/aws-config")).isEqualTo(Path.of("/home/u/work/aws-config"));
    assertThat(config("~")).isEqualTo(Path.of("/home/u"));
    assertThat(config("/etc/aws/config")).isEqualTo(Path.of("/etc/aws/config"));
    assertThat(config("~other/config")).isEqualTo(Path.of("~other/config"));
  }

  private static Path config(String value) {
    return FileLocations.of(Map.of("HOME", "/home/u", "AWS_CONFIG_FILE", value), "Linux", USER_HOME)
        .configFile();
  }
}

package dev.cognitocreds.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers carry the contract as {@link LauncherContract#render()} renders it, and their bash
 * functions give the same answers as the Java definitions for the same input.
 */
class LauncherContractTest {
  static final Path BIN = Path.of("").toAbsolutePath().resolve("../packaging/src/bin").normalize();
  static final String USER_HOME = "/nonexistent-user-home";

  @Test
  void everyLauncherCarriesTheRenderedContract() throws IOException {
    List<Path> launchers;
    try (Stream<Path> files = Files.list(BIN)) {
      launchers = files.sorted().toList();
    }
    List<Path> withContract = new ArrayList<>();
    for (Path launcher : launchers) {
      String block = LauncherContract.blockIn(Files.readString(launcher));
      if (block != null) {
        assertThat(block)
            .as(
                "%s's contract block; rewrite it with: java -cp contract/target/classes"
                    + " dev.cognitocreds.contract.LauncherContract packaging/src/bin/*",
                launcher)
            .isEqualTo(LauncherContract.render());
        withContract.add(launcher.getFileName());
      }
    }
    assertThat(withContract).contains(Path.of("cognito-creds"), Path.of("cognito-credsd"));
  }

  @Test
  void theLauncherMapsEveryDaemonErrorLikeJava() throws Exception {
    List<String[]> answers = new ArrayList<>();
    for (ExitCodes.DaemonError row : ExitCodes.DAEMON_ERRORS) {
      answers.add(new String[] {Integer.toString(row.httpStatus()), orEmpty(row.code())});
      answers.add(new String[] {Integer.toString(row.httpStatus()), "SomethingElse"});
      answers.add(new String[] {Integer.toString(row.httpStatus()), ""});
    }
    for (String[] other :
        new String[][] {
          {"401", ErrorCodes.MISSING_TOKEN},
          {"403", ErrorCodes.BAD_TOKEN},
          {"404", ErrorCodes.PROFILE_NOT_FOUND},
          {"413", ErrorCodes.REQUEST_TOO_LARGE},
          {"422", ErrorCodes.INVALID_PROFILE},
          {"500", ErrorCodes.INTERNAL_ERROR},
          {"503", ErrorCodes.BUSY},
          {"418", "*"},
        }) {
      answers.add(other);
    }
    StringBuilder script = new StringBuilder();
    for (String[] answer : answers) {
      script
          .append("cc_exit_code ")
          .append(quoted(answer[0]))
          .append(' ')
          .append(quoted(answer[1]))
          .append("; printf '%s\\n' \"$cc_rc\"\n");
    }

    List<String> bash = bash(script.toString());

    for (int i = 0; i < answers.size(); i++) {
      String[] answer = answers.get(i);
      assertThat(bash.get(i))
          .as("exit code for HTTP %s %s", answer[0], answer[1])
          .isEqualTo(
              Integer.toString(
                  ExitCodes.forDaemonError(
                      Integer.parseInt(answer[0]), answer[1].isEmpty() ? null : answer[1])));
    }
  }

  @Test
  void theLauncherFindsTheSameFilesAsJava() throws Exception {
    List<Map<String, String>> cases = new ArrayList<>();
    for (String os : new String[] {"linux-gnu", "darwin23"}) {
      for (String state : new String[] {null, "", "/s", "/tmp/with space/"}) {
        for (String runtime : new String[] {null, "", "/run/user/1000"}) {
          Map<String, String> env = new LinkedHashMap<>();
          env.put("OSTYPE", os);
          env.put("HOME", "/home/u");
          if (state != null) {
            env.put("XDG_STATE_HOME", state);
          }
          if (runtime != null) {
            env.put("XDG_RUNTIME_DIR", runtime);
          }
          cases.add(env);
        }
      }
    }
    StringBuilder script = new StringBuilder();
    for (Map<String, String> env : cases) {
      script.append("(unset XDG_STATE_HOME XDG_RUNTIME_DIR; ");
      env.forEach(
          (name, value) -> script.append(name).append('=').append(quoted(value)).append("; "));
      script.append(
          "cc_locations; printf '%s\\n' \"$cc_state_dir\" \"$cc_runtime_dir\""
              + " \"$cc_endpoint_file\" \"$cc_token_file\" \"$cc_cds_dir\")\n");
    }

    List<String> bash = bash(script.toString());

    for (int i = 0; i < cases.size(); i++) {
      Map<String, String> env = cases.get(i);
      FileLocations java =
          FileLocations.of(
              env, env.get("OSTYPE").startsWith("darwin") ? "Mac OS X" : "Linux", USER_HOME);
      List<String> found = bash.subList(i * 5, i * 5 + 5);
      assertThat(found.stream().map(Path::of).toList())
          .as("state, runtime, endpoint, token, cds folder for %s", env)
          .containsExactly(
              java.stateDir(),
              java.runtimeDir(),
              java.endpointFile(),
              java.tokenFile(),
              java.cdsDir());
    }
  }

  @Test
  void theLauncherTellsMacOsLikeJava() throws Exception {
    Map<String, String> osTypeToOsName = new LinkedHashMap<>();
    osTypeToOsName.put("linux-gnu", "Linux");
    osTypeToOsName.put("darwin23", "Mac OS X");
    osTypeToOsName.put("darwin", "Mac OS X");
    osTypeToOsName.put("freebsd14.0", "FreeBSD");
    osTypeToOsName.put("msys", "Windows 11");
    StringBuilder script = new StringBuilder();
    osTypeToOsName.keySet().stream()
        .forEach(
            osType ->
                script
                    .append("OSTYPE=")
                    .append(quoted(osType))
                    .append("; if cc_is_macos; then echo true; else echo false; fi\n"));

    List<String> bash = bash(script.toString());

    List<String> java =
        osTypeToOsName.values().stream()
            .map(osName -> Boolean.toString(Platform.isMacOs(osName)))
            .toList();
    assertThat(bash).isEqualTo(java);
  }

  @Test
  void theLauncherNamesTheSameStartCommandAsJava(@TempDir Path home) throws Exception {
    Path xdgConfig = home.resolve("xdg-config");
    Files.createDirectories(home.resolve("with-unit/.config/systemd/user"));
    Files.writeString(home.resolve("with-unit/.config/systemd/user/cognito-credsd.service"), "");
    Files.createDirectories(xdgConfig.resolve("systemd/user"));
    Files.writeString(xdgConfig.resolve("systemd/user/cognito-credsd.service"), "");
    Files.createDirectories(home.resolve("with-agent/Library/LaunchAgents"));
    Files.writeString(
        home.resolve("with-agent/Library/LaunchAgents/dev.cognitocreds.cognito-credsd.plist"), "");
    List<Map<String, String>> cases = new ArrayList<>();
    for (String os : new String[] {"linux-gnu", "darwin23"}) {
      for (String user : new String[] {"bare", "with-unit", "with-agent"}) {
        for (String configHome : new String[] {null, "", xdgConfig.toString()}) {
          Map<String, String> env = new LinkedHashMap<>();
          env.put("OSTYPE", os);
          env.put("HOME", home.resolve(user).toString());
          if (configHome != null) {
            env.put("XDG_CONFIG_HOME", configHome);
          }
          cases.add(env);
        }
      }
    }
    StringBuilder script = new StringBuilder();
    for (Map<String, String> env : cases) {
      script.append("(unset XDG_CONFIG_HOME; ");
      env.forEach(
          (name, value) -> script.append(name).append('=').append(quoted(value)).append("; "));
      script.append("cc_start_hint; printf '%s\\n' \"$cc_hint\")\n");
    }

    List<String> bash = bash(script.toString());

    for (int i = 0; i < cases.size(); i++) {
      Map<String, String> env = cases.get(i);
      String osName = env.get("OSTYPE").startsWith("darwin") ? "Mac OS X" : "Linux";
      String java =
          DaemonService.startSentence(
              DaemonService.startCommand(
                  FileLocations.of(env, osName, USER_HOME), env, osName, Files::isRegularFile));
      assertThat(bash.get(i)).as("start hint for %s", env).isEqualTo(java);
    }
    assertThat(bash).contains(DaemonService.startSentence(DaemonService.START_WITH_LAUNCHD));
  }

  @Test
  void theLauncherEncodesAProfileSegmentLikeJava() throws Exception {
    List<String> profiles = List.of("acme", "a b/c", "dev.team_1~x", "é+*%", "\u96f2");
    StringBuilder script = new StringBuilder("LC_ALL=C\n");
    for (String profile : profiles) {
      script
          .append("cc_percent_encode ")
          .append(quoted(profile))
          .append(
              "; printf '%s\\n' \"$cc_route_profiles$cc_segment/$cc_route_credential_process\"\n");
    }

    List<String> bash = bash(script.toString());

    for (int i = 0; i < profiles.size(); i++) {
      assertThat(bash.get(i))
          .as("the credential-process route of profile %s", profiles.get(i))
          .isEqualTo(Routes.profile(profiles.get(i), Routes.CREDENTIAL_PROCESS));
    }
  }

  @Test
  void theLauncherReadsTheCodeAndMessageOfADaemonError() throws Exception {
    String body =
        "{\"code\":\"UpstreamUnavailable\",\"message\":\"Cognito \\\"down\\\" \\\\ try"
            + " \\u00e9\\ud83d\\ude00\\nagain\"}";

    List<String> bash =
        bash(
            "cc_status=503; cc_body="
                + quoted(body)
                + "; cc_daemon_error; printf '%s|%s\\n' \"$cc_code\" \"$cc_message\"\n"
                + "cc_status=502; cc_body=; cc_daemon_error; printf '%s|%s\\n' \"$cc_code\""
                + " \"$cc_message\"\n");

    assertThat(bash)
        .containsExactly(
            "UpstreamUnavailable|Cognito \"down\" \\ try \u00e9\ud83d\ude00",
            "again",
            "|cognito-credsd answered HTTP 502");
  }

  /** Runs {@code script} after the contract block of the real cognito-creds launcher. */
  private static List<String> bash(String script) throws IOException, InterruptedException {
    String block = LauncherContract.blockIn(Files.readString(BIN.resolve("cognito-creds")));
    assertThat(block).isNotNull();
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", block + "\n" + script);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text.lines().toList();
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

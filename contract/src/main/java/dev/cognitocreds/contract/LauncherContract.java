package dev.cognitocreds.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contract in bash, for the launchers: a block of variables and functions rendered from the
 * Java definitions, kept verbatim in each launcher between {@link #BEGIN} and {@link #END}. It is
 * copied in rather than sourced from {@code lib/} so that the {@code credential-process} fast path
 * need not resolve its installation folder (a {@code readlink} process for {@code /usr/bin}'s
 * symbolic link) on every call. A test fails when a launcher's copy differs from {@link #render()};
 * {@code main} rewrites the copies.
 */
public final class LauncherContract {
  static final String BEGIN = "# BEGIN contract";
  static final String END = "# END contract";
  private static final String DAEMON_HTTP = "daemon-http.sh";

  private LauncherContract() {}

  /** The block, {@link #BEGIN} and {@link #END} lines included, each line ending in a newline. */
  public static String render() {
    return BEGIN
        + ": rendered from dev.cognitocreds.contract; change the Java, then run\n"
        + "#   java -cp contract/target/classes dev.cognitocreds.contract.LauncherContract"
        + " packaging/src/bin/*\n"
        + constants()
        + "\n"
        + isMacOs()
        + "\n"
        + locations()
        + "\n"
        + startHint()
        + "\n"
        + exitCode()
        + "\n"
        + daemonHttp()
        + END
        + "\n";
  }

  private static String constants() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("cc_exit_error", ExitCodes.ERROR);
    values.put("cc_exit_daemon_not_running", ExitCodes.DAEMON_NOT_RUNNING);
    values.put("cc_route_profiles", Routes.PROFILES);
    values.put("cc_route_credential_process", Routes.CREDENTIAL_PROCESS);
    values.put("cc_authorization_header", Routes.AUTHORIZATION_HEADER);
    // one command, so that one directive covers it: not every launcher uses every name
    return "# shellcheck disable=SC2034 # not every launcher uses every name\n"
        + values.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(" \\\n  ", "", "\n"));
  }

  private static String isMacOs() {
    return """
        # Platform.isMacOs, from bash's OSTYPE.
        cc_is_macos() {
          case ${OSTYPE:-} in
            darwin*) return 0 ;;
            *) return 1 ;;
          esac
        }
        """;
  }

  private static String locations() {
    return """
        # FileLocations: sets cc_state_dir, cc_runtime_dir, cc_endpoint_file, cc_token_file, cc_cds_dir.
        cc_locations() {
          if [ -n "${%1$s:-}" ]; then
            cc_state_dir=$%1$s/%3$s
          elif cc_is_macos; then
            cc_state_dir="$HOME/Library/Application Support/%3$s"
          else
            cc_state_dir=$HOME/.local/state/%3$s
          fi
          if [ -n "${%2$s:-}" ]; then
            cc_runtime_dir=$%2$s/%3$s
          else
            cc_runtime_dir=$cc_state_dir
          fi
          cc_endpoint_file=$cc_runtime_dir/%4$s
          cc_token_file=$cc_state_dir/%5$s
          cc_cds_dir=$cc_state_dir/%6$s
        }
        """
        .formatted(
            EnvironmentVariables.XDG_STATE_HOME,
            EnvironmentVariables.XDG_RUNTIME_DIR,
            FileLocations.APP_FOLDER,
            FileLocations.ENDPOINT_FILE,
            FileLocations.AUTH_TOKEN_FILE,
            FileLocations.CDS_FOLDER);
  }

  private static String startHint() {
    return """
        # DaemonService.startCommand, as DaemonService.startSentence: sets cc_hint.
        cc_start_hint() {
          local dir
          cc_hint='%1$s'
          if cc_is_macos; then
            if [ -f "$HOME/Library/LaunchAgents/%2$s.plist" ]; then
              # shellcheck disable=SC2016 # a command for the person to paste, expanded by their shell
              cc_hint='%3$s'
            fi
          else
            for dir in "${%4$s:-$HOME/.config}/systemd/user" %5$s; do
              if [ -f "$dir/%6$s" ]; then
                cc_hint='%7$s'
                break
              fi
            done
          fi
          cc_hint="%8$s"
        }
        """
        .formatted(
            DaemonService.START_IN_BACKGROUND,
            DaemonService.LAUNCHD_LABEL,
            DaemonService.START_WITH_LAUNCHD,
            EnvironmentVariables.XDG_CONFIG_HOME,
            String.join(" ", DaemonService.SYSTEM_USER_UNIT_DIRS),
            DaemonService.SYSTEMD_UNIT,
            DaemonService.START_WITH_SYSTEMD,
            DaemonService.startSentence("$cc_hint").replace("`", "\\`"));
  }

  private static String exitCode() {
    StringBuilder text =
        new StringBuilder(
            """
            # ExitCodes.forDaemonError: cc_exit_code STATUS CODE sets cc_rc.
            cc_exit_code() {
              case $1:$2 in
            """);
    List<ExitCodes.DaemonError> rows = ExitCodes.DAEMON_ERRORS;
    for (ExitCodes.DaemonError row : rows) {
      text.append("    ")
          .append(row.httpStatus())
          .append(':')
          .append(row.code() == null ? "*" : row.code())
          .append(") cc_rc=")
          .append(row.exitCode())
          .append(" ;;\n");
    }
    return text.append("    *) cc_rc=")
        .append(ExitCodes.ERROR)
        .append(" ;;\n")
        .append("  esac\n")
        .append("}\n")
        .toString();
  }

  /**
   * The launchers' client of the daemon's API, written once in bash (a resource next to this class,
   * which shellcheck reads on its own) and carried by every launcher.
   */
  private static String daemonHttp() {
    try (InputStream in = LauncherContract.class.getResourceAsStream(DAEMON_HTTP)) {
      if (in == null) {
        throw new IllegalStateException(DAEMON_HTTP + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // the directive is for shellcheck reading the resource alone; a launcher is bash already
      return text.replaceFirst("\\A# shellcheck shell=bash\n", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The block in {@code launcher}, or null when it has none. */
  static String blockIn(String launcher) {
    int begin = launcher.indexOf(BEGIN);
    int end = launcher.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      return null;
    }
    return launcher.substring(begin, launcher.indexOf('\n', end) + 1);
  }

  /** Replaces the block in each launcher given (those without one are left alone). */
  public static void main(String[] launchers) throws IOException {
    for (String name : launchers) {
      Path file = Path.of(name);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String block = blockIn(text);
      if (block != null && !block.equals(render())) {
        Files.writeString(file, text.replace(block, render()), StandardCharsets.UTF_8);
        System.out.println("rewrote the contract in " + file);
      }
    }
  }
}

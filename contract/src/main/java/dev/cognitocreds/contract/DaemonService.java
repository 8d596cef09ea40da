package dev.cognitocreds.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The daemon's user service (a systemd user unit, a macOS LaunchAgent) and the command that starts
 * the daemon, which every "cognito-credsd is not running" message names. {@link LauncherContract}
 * renders the launchers' {@code cc_start_hint} from this.
 */
public final class DaemonService {
  public static final String SYSTEMD_UNIT = "cognito-credsd.service";
  public static final String LAUNCHD_LABEL = "dev.cognitocreds.cognito-credsd";

  /** Where systemd looks for user units besides {@code $XDG_CONFIG_HOME/systemd/user}. */
  static final List<String> SYSTEM_USER_UNIT_DIRS =
      List.of(
          "/etc/systemd/user",
          "/usr/lib/systemd/user",
          "/usr/local/lib/systemd/user",
          "/lib/systemd/user");

  static final String START_IN_BACKGROUND = "cognito-credsd &";
  static final String START_WITH_SYSTEMD = "systemctl --user start cognito-credsd";
  static final String START_WITH_LAUNCHD = "launchctl kickstart gui/$(id -u)/" + LAUNCHD_LABEL;

  private DaemonService() {}

  /**
   * The command that starts the daemon: its user service where the unit or LaunchAgent is
   * installed, else the daemon in the background.
   *
   * @param isFile whether a path is a regular file (tests pass their own)
   */
  public static String startCommand(
      FileLocations files, Map<String, String> env, String osName, Predicate<Path> isFile) {
    if (Platform.isMacOs(osName)) {
      Path agent = files.home().resolve("Library/LaunchAgents").resolve(LAUNCHD_LABEL + ".plist");
      return isFile.test(agent) ? START_WITH_LAUNCHD : START_IN_BACKGROUND;
    }
    for (Path dir : systemdUserUnitDirs(files, env)) {
      if (isFile.test(dir.resolve(SYSTEMD_UNIT))) {
        return START_WITH_SYSTEMD;
      }
    }
    return START_IN_BACKGROUND;
  }

  /** For example "Start it with `cognito-credsd &`." */
  public static String startSentence(String command) {
    return "Start it with `" + command + "`.";
  }

  private static List<Path> systemdUserUnitDirs(FileLocations files, Map<String, String> env) {
    String configHome = env.get(EnvironmentVariables.XDG_CONFIG_HOME);
    List<Path> dirs = new ArrayList<>();
    dirs.add(
        (configHome == null || configHome.isEmpty()
                ? files.home().resolve(".config")
                : Path.of(configHome))
            .resolve("systemd/user"));
    SYSTEM_USER_UNIT_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
    return dirs;
  }
}

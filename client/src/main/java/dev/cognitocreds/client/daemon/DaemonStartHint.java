package dev.cognitocreds.client.daemon;

import dev.cognitocreds.contract.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command that starts the daemon on this machine: the user service when its unit is installed,
 * otherwise the daemon in the background. The bash launcher prints the same sentence.
 */
public final class DaemonStartHint {
  static final String UNIT = "cognito-credsd.service";
  static final String LAUNCHD_LABEL = "dev.cognitocreds.cognito-credsd";

  private final String command;

  private DaemonStartHint(String command) {
    this.command = command;
  }

  public static DaemonStartHint of(Map<String, String> env, String osName) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (Platform.isMacOs(osName)) {
      Path agent = Path.of(home, "Library", "LaunchAgents", LAUNCHD_LABEL + ".plist");
      return new DaemonStartHint(
          Files.isRegularFile(agent)
              ? "launchctl kickstart gui/$(id -u)/" + LAUNCHD_LABEL
              : "cognito-credsd &");
    }
    for (Path dir : systemdUserUnitDirs(env, home)) {
      if (Files.isRegularFile(dir.resolve(UNIT))) {
        return new DaemonStartHint("systemctl --user start cognito-credsd");
      }
    }
    return new DaemonStartHint("cognito-credsd &");
  }

  private static List<Path> systemdUserUnitDirs(Map<String, String> env, String home) {
    List<Path> dirs = new ArrayList<>();
    String configHome = env.get("XDG_CONFIG_HOME");
    dirs.add(
        configHome == null || configHome.isBlank()
            ? Path.of(home, ".config", "systemd", "user")
            : Path.of(configHome, "systemd", "user"));
    for (String system :
        List.of(
            "/etc/systemd/user",
            "/usr/lib/systemd/user",
            "/usr/local/lib/systemd/user",
            "/lib/systemd/user")) {
      dirs.add(Path.of(system));
    }
    return dirs;
  }

  public String command() {
    return command;
  }

  /** For example "Start it with `cognito-credsd &`." */
  public String sentence() {
    return "Start it with `" + command + "`.";
  }
}

package dev.cognitocreds.daemon;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon's files live, from the environment (XDG on Linux, Application Support on macOS).
 */
record DaemonPaths(Path configFile, Path stateDir, Path runtimeDir) {

  private static final String APP = "cognito-creds";

  /**
   * The home folder: {@code $HOME} first, as the client and the launchers take it, so all three
   * always find the same files (the JVM's {@code user.home} comes from the password database and
   * differs when HOME is set elsewhere, as in tests and sudo); {@code userHome} when HOME is unset.
   */
  static Path home(Map<String, String> env, String userHome) {
    return Path.of(nonEmpty(env.get("HOME")) ? env.get("HOME") : userHome);
  }

  static DaemonPaths from(Map<String, String> env, String osName, Path home) {
    Path configFile =
        nonEmpty(env.get("AWS_CONFIG_FILE"))
            ? Path.of(expand(env.get("AWS_CONFIG_FILE"), home))
            : home.resolve(".aws").resolve("config");
    boolean mac = osName.toLowerCase().contains("mac");
    Path macDir = home.resolve("Library").resolve("Application Support").resolve(APP);
    Path stateDir =
        nonEmpty(env.get("XDG_STATE_HOME"))
            ? Path.of(env.get("XDG_STATE_HOME")).resolve(APP)
            : mac ? macDir : home.resolve(".local").resolve("state").resolve(APP);
    Path runtimeDir =
        nonEmpty(env.get("XDG_RUNTIME_DIR"))
            ? Path.of(env.get("XDG_RUNTIME_DIR")).resolve(APP)
            : stateDir;
    return new DaemonPaths(configFile, stateDir, runtimeDir);
  }

  Path endpointFile() {
    return runtimeDir.resolve("endpoint");
  }

  Path tokenFile() {
    return stateDir.resolve("auth-token");
  }

  Path sessionsDir() {
    return stateDir.resolve("sessions");
  }

  private static boolean nonEmpty(String value) {
    return value != null && !value.isBlank();
  }

  private static String expand(String path, Path home) {
    return path.startsWith("~/") ? home.resolve(path.substring(2)).toString() : path;
  }
}

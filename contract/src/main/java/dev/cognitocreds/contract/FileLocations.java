package dev.cognitocreds.contract;

import static dev.cognitocreds.contract.EnvironmentVariables.AWS_CONFIG_FILE;
import static dev.cognitocreds.contract.EnvironmentVariables.HOME;
import static dev.cognitocreds.contract.EnvironmentVariables.XDG_RUNTIME_DIR;
import static dev.cognitocreds.contract.EnvironmentVariables.XDG_STATE_HOME;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the product's files are for a given environment. The daemon writes them, the client and the
 * launchers read them: all three resolve them with these rules (the launchers through the functions
 * {@link LauncherContract} renders).
 *
 * <ul>
 *   <li>The home folder is {@code $HOME}, else the JVM's {@code user.home}: {@code user.home} comes
 *       from the password database and differs when HOME is set elsewhere (tests, sudo), and the
 *       launchers only know {@code $HOME}.
 *   <li>{@code XDG_STATE_HOME} and {@code XDG_RUNTIME_DIR} win on every platform when set and not
 *       empty, so a test can run a whole installation in a temporary home; otherwise macOS keeps
 *       both folders in Application Support and other systems use {@code ~/.local/state}, with the
 *       runtime folder falling back to the state folder.
 *   <li>{@code AWS_CONFIG_FILE}, when set and not empty, is the config file, a leading {@code ~}
 *       standing for the home folder as in the AWS CLI and SDKs; otherwise {@code ~/.aws/config}.
 * </ul>
 */
public final class FileLocations {
  /** The name of the product's folder in each base folder. */
  public static final String APP_FOLDER = "cognito-creds";

  public static final String ENDPOINT_FILE = "endpoint";
  public static final String AUTH_TOKEN_FILE = "auth-token";
  public static final String SESSIONS_FOLDER = "sessions";

  /** The daemon launcher's class-data archives. */
  public static final String CDS_FOLDER = "cds";

  private final Path home;
  private final Path configFile;
  private final Path stateDir;
  private final Path runtimeDir;

  private FileLocations(Path home, Path configFile, Path stateDir, Path runtimeDir) {
    this.home = home;
    this.configFile = configFile;
    this.stateDir = stateDir;
    this.runtimeDir = runtimeDir;
  }

  /** The locations for this process's environment and platform. */
  public static FileLocations ofSystem() {
    return of(System.getenv(), Platform.currentOsName(), System.getProperty("user.home"));
  }

  /**
   * The locations for an environment.
   *
   * @param osName the {@code os.name} to apply the platform rules of
   * @param userHome the home folder when {@code HOME} is unset or empty
   */
  public static FileLocations of(Map<String, String> env, String osName, String userHome) {
    Path home = Path.of(orElse(env.get(HOME), userHome));
    String config = env.get(AWS_CONFIG_FILE);
    Path configFile =
        isSet(config) ? expandHome(config, home) : home.resolve(".aws").resolve("config");
    Path stateDir;
    if (isSet(env.get(XDG_STATE_HOME))) {
      stateDir = Path.of(env.get(XDG_STATE_HOME)).resolve(APP_FOLDER);
    } else if (Platform.isMacOs(osName)) {
      stateDir = home.resolve("Library").resolve("Application Support").resolve(APP_FOLDER);
    } else {
      stateDir = home.resolve(".local").resolve("state").resolve(APP_FOLDER);
    }
    Path runtimeDir =
        isSet(env.get(XDG_RUNTIME_DIR))
            ? Path.of(env.get(XDG_RUNTIME_DIR)).resolve(APP_FOLDER)
            : stateDir;
    return new FileLocations(home, configFile, stateDir, runtimeDir);
  }

  /** {@code ~} and {@code ~/rest} are in the home folder; any other path is taken as it is. */
  static Path expandHome(String path, Path home) {
    if (path.equals("~")) {
      return home;
    }
    return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  private static String orElse(String value, String fallback) {
    return isSet(value) ? value : fallback;
  }

  public Path home() {
    return home;
  }

  /** The AWS config file with the profiles. */
  public Path configFile() {
    return configFile;
  }

  /** What outlives a reboot: the auth token, the sessions. */
  public Path stateDir() {
    return stateDir;
  }

  /** What lives as long as the daemon: its endpoint file. */
  public Path runtimeDir() {
    return runtimeDir;
  }

  /** One line {@code http://127.0.0.1:PORT}, present while the daemon listens. */
  public Path endpointFile() {
    return runtimeDir.resolve(ENDPOINT_FILE);
  }

  /** The value of the {@code Authorization} header, without a trailing newline. */
  public Path tokenFile() {
    return stateDir.resolve(AUTH_TOKEN_FILE);
  }

  public Path sessionsDir() {
    return stateDir.resolve(SESSIONS_FOLDER);
  }

  public Path cdsDir() {
    return stateDir.resolve(CDS_FOLDER);
  }
}

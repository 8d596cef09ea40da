package dev.cognitocreds.client.daemon;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the daemon publishes its address and its endpoint token (docs/protocol.md, "Daemon
 * process"). The bash launcher resolves the same paths the same way: keep them in step.
 */
public final class DaemonPaths {
  private static final String APP = "cognito-creds";

  private final Path stateDir;
  private final Path runtimeDir;

  private DaemonPaths(Path stateDir, Path runtimeDir) {
    this.stateDir = stateDir;
    this.runtimeDir = runtimeDir;
  }

  /** Paths for this process's environment. */
  public static DaemonPaths ofSystem() {
    return of(System.getenv(), System.getProperty("os.name", ""));
  }

  /**
   * {@code XDG_STATE_HOME} and {@code XDG_RUNTIME_DIR} win on every OS (so a test can run a whole
   * installation in a temporary home); otherwise macOS keeps both in Application Support and other
   * systems use {@code ~/.local/state}, with the runtime folder falling back to the state folder.
   */
  public static DaemonPaths of(Map<String, String> env, String osName) {
    Path home = Path.of(nonBlank(env.get("HOME"), System.getProperty("user.home")));
    boolean macOs = osName.toLowerCase(Locale.ROOT).startsWith("mac");
    String xdgState = nonBlank(env.get("XDG_STATE_HOME"), null);
    Path state;
    if (xdgState != null) {
      state = Path.of(xdgState).resolve(APP);
    } else if (macOs) {
      state = home.resolve("Library").resolve("Application Support").resolve(APP);
    } else {
      state = home.resolve(".local").resolve("state").resolve(APP);
    }
    String xdgRuntime = nonBlank(env.get("XDG_RUNTIME_DIR"), null);
    Path runtime = xdgRuntime != null ? Path.of(xdgRuntime).resolve(APP) : state;
    return new DaemonPaths(state, runtime);
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  public Path stateDir() {
    return stateDir;
  }

  public Path runtimeDir() {
    return runtimeDir;
  }

  /** One line {@code http://127.0.0.1:PORT}, present while the daemon listens. */
  public Path endpointFile() {
    return runtimeDir.resolve("endpoint");
  }

  /** The value of the {@code Authorization} header, without a trailing newline. */
  public Path tokenFile() {
    return stateDir.resolve("auth-token");
  }

  public Path sessionsDir() {
    return stateDir.resolve("sessions");
  }
}

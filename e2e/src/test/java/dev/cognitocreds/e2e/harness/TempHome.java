package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway home: every file the product or an AWS SDK would read or write (AWS config and
 * credentials, state, runtime) lives below it, so a test never touches the real user's files.
 */
public final class TempHome implements AutoCloseable {

  /** Which XDG variables the home sets: the product falls back from one to the next. */
  public enum Layout {
    /** {@code XDG_STATE_HOME} and {@code XDG_RUNTIME_DIR}. */
    XDG,
    /** {@code XDG_STATE_HOME} only: the endpoint file goes to the state folder. */
    STATE_ONLY,
    /** Neither: everything under {@code $HOME/.local/state}. */
    HOME_ONLY
  }

  private final Path root;
  private final Layout layout;
  private final boolean daemonClassArchive;

  private TempHome(Path root, Layout layout, boolean daemonClassArchive) {
    this.root = root;
    this.layout = layout;
    this.daemonClassArchive = daemonClassArchive;
  }

  public static TempHome create(String name) {
    return create(name, Layout.XDG);
  }

  public static TempHome create(String name, Layout layout) {
    return create(name, layout, false);
  }

  /**
   * A home whose daemon launcher keeps its AppCDS archive ({@code COGNITO_CREDSD_CDS} unset, as for
   * a user). The other homes turn it off: each would dump a ~40 MB archive at its daemon's first
   * clean stop, for nothing.
   */
  public static TempHome createWithDaemonClassArchive(String name) {
    return create(name, Layout.XDG, true);
  }

  private static TempHome create(String name, Layout layout, boolean daemonClassArchive) {
    try {
      Path base =
          Path.of(System.getProperty("cognitocreds.workdir", System.getProperty("java.io.tmpdir")));
      Files.createDirectories(base);
      Path root =
          Files.createTempDirectory(
              base,
              name + "-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      TempHome home = new TempHome(root, layout, daemonClassArchive);
      Files.createDirectories(home.configFile().getParent());
      Files.createDirectories(home.stateDir());
      Files.createDirectories(home.runtimeDir());
      Files.writeString(home.configFile(), "");
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  public Path configFile() {
    return root.resolve(".aws/config");
  }

  public Path sharedCredentialsFile() {
    return root.resolve(".aws/credentials");
  }

  public Path stateDir() {
    return root.resolve(".local/state");
  }

  public Path runtimeDir() {
    return root.resolve("run");
  }

  /** Where the daemon launcher keeps its class archive. */
  public Path classArchiveDir() {
    return stateDir().resolve("cognito-creds/cds");
  }

  public Path decoyUserHome() {
    return root.resolve("decoy-user-home");
  }

  public Path endpointFile() {
    return (layout == Layout.XDG ? runtimeDir() : stateDir()).resolve("cognito-creds/endpoint");
  }

  public Path tokenFile() {
    return stateDir().resolve("cognito-creds/auth-token");
  }

  public Path sessionsDir() {
    return stateDir().resolve("cognito-creds/sessions");
  }

  public Path sessionFile(String profile) {
    return sessionsDir().resolve(profile + ".json");
  }

  public void writeConfig(String ini) {
    try {
      Files.writeString(configFile(), ini);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environment of every process started in this home: {@link #withoutAwsSettings()} plus this
   * home's locations.
   */
  public Map<String, String> environment() {
    Map<String, String> env = withoutAwsSettings();
    env.put("HOME", root.toString());
    // The JVMs' user.home (the real user's home, whatever HOME says) points at a decoy inside this
    // home:
    // a launcher or JVM that used it instead of HOME would miss this home's files, not write the
    // user's.
    String decoyUserHome = "-Duser.home=" + decoyUserHome();
    env.put("COGNITO_CREDSD_JAVA_OPTS", decoyUserHome);
    env.put("COGNITO_CREDS_JAVA_OPTS", decoyUserHome);
    if (daemonClassArchive) {
      env.remove("COGNITO_CREDSD_CDS");
    } else {
      env.put("COGNITO_CREDSD_CDS", "off");
    }
    env.remove("XDG_STATE_HOME");
    env.remove("XDG_RUNTIME_DIR");
    if (layout != Layout.HOME_ONLY) {
      env.put("XDG_STATE_HOME", stateDir().toString());
    }
    if (layout == Layout.XDG) {
      env.put("XDG_RUNTIME_DIR", runtimeDir().toString());
    }
    env.put("AWS_CONFIG_FILE", configFile().toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", sharedCredentialsFile().toString());
    return env;
  }

  /**
   * The caller's environment without any AWS setting that could point at a real account or instance
   * metadata, and without the desktop session bus that would lead to the real user's keychain.
   */
  public static Map<String, String> withoutAwsSettings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(key -> key.startsWith("AWS_"));
    // Without a session bus the daemon keeps sessions in this home's files, not in the real user's
    // keychain.
    env.remove("DBUS_SESSION_BUS_ADDRESS");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.cognitocreds.client;

import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.daemon.DaemonStartHint;
import dev.cognitocreds.client.prompt.Terminal;
import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.contract.Platform;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside the JVM: environment, stdin, the terminal, the clock and the
 * daemon. Tests build one around a stub daemon; {@link #ofSystem()} is the real one.
 */
public final class ClientContext {
  private final Map<String, String> env;
  private final InputStream stdin;
  private final String osName;
  private final Terminal terminal;
  private final Clock clock;
  private final DaemonClient daemon;

  public ClientContext(
      Map<String, String> env, String osName, InputStream stdin, Terminal terminal, Clock clock) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.osName = osName;
    this.terminal = terminal;
    this.clock = clock;
    this.daemon =
        new DaemonClient(
            FileLocations.of(env, osName, System.getProperty("user.home")),
            DaemonStartHint.of(env, osName));
  }

  public static ClientContext ofSystem() {
    return new ClientContext(
        System.getenv(),
        Platform.currentOsName(),
        System.in,
        Terminal.ofConsole(System.console()),
        Clock.systemUTC());
  }

  public Map<String, String> env() {
    return env;
  }

  public InputStream stdin() {
    return stdin;
  }

  /** The terminal, or {@code null} when stdin or stdout is not one. */
  public Terminal terminal() {
    return terminal;
  }

  /** The {@code os.name} the paths and hints were chosen for. */
  public String osName() {
    return osName;
  }

  public Clock clock() {
    return clock;
  }

  public DaemonClient daemon() {
    return daemon;
  }

  public FileLocations paths() {
    return daemon.paths();
  }
}

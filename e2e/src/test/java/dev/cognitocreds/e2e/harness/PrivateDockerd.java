package dev.cognitocreds.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dockerd of the test's own (Debian's docker.io), on a socket in a scratch folder, with no
 * network setup (no bridge, no iptables) and vfs storage, so it starts in about a second and
 * touches nothing of the machine's docker. The docker CLI talks to it with {@code -H}.
 */
public final class PrivateDockerd implements AutoCloseable {

  public static final String DOCKERD = "/usr/sbin/dockerd";
  public static final String DOCKER = "/usr/bin/docker";

  private final Path dir;
  private final Path sockets;
  private final Process process;

  private PrivateDockerd(Path dir, Path sockets, Process process) {
    this.dir = dir;
    this.sockets = sockets;
    this.process = process;
  }

  /** Root is needed (dockerd mounts and owns its data root); the caller checks. */
  public static PrivateDockerd start(Path dir) {
    try {
      Files.createDirectories(dir.resolve("data"));
      // A unix socket's path has at most 107 bytes: the exec root (containerd's socket) and the API
      // socket live in a short folder of their own.
      Path sockets = ScratchFolders.create("ccd");
      Process process =
          new ProcessBuilder(
                  DOCKERD,
                  "--bridge=none",
                  "--iptables=false",
                  "--ip6tables=false",
                  "--storage-driver=vfs",
                  "--data-root=" + dir.resolve("data"),
                  "--exec-root=" + sockets.resolve("exec"),
                  "--pidfile=" + dir.resolve("dockerd.pid"),
                  "-H",
                  "unix://" + sockets.resolve("docker.sock"))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dockerd.log").toFile())
              .start();
      PrivateDockerd dockerd = new PrivateDockerd(dir, sockets, process);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(dockerd::answers);
      } catch (RuntimeException | Error e) {
        dockerd.close();
        throw e;
      }
      return dockerd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new AssertionError("dockerd exited: " + log());
    }
    return Files.exists(sockets.resolve("docker.sock"))
        && docker(Map.of("PATH", "/usr/bin:/bin"), "version").exitCode() == 0;
  }

  /** The docker CLI against this daemon, with {@code environment} (PATH, DOCKER_CONFIG, …). */
  public CommandResult docker(Map<String, String> environment, String... args) {
    List<String> command =
        new ArrayList<>(List.of(DOCKER, "-H", "unix://" + sockets.resolve("docker.sock")));
    command.addAll(List.of(args));
    return Command.run(command, environment, "");
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("dockerd.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    // dockerd starts its own containerd: the whole tree goes
    ProcessTree.stop(process, 10);
    ScratchFolders.delete(sockets);
  }
}

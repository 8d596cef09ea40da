package dev.cognitocreds.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code moto_server} on 127.0.0.1 and a free port: a second, independent Cognito emulator. A
 * missing moto is an error, not a skip: CI has it, and a silently skipped check proves nothing.
 */
public final class MotoServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final URI endpoint;

  private MotoServer(Process process, Path log, URI endpoint) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
  }

  public static MotoServer start() {
    int port = FreePort.onLoopback();
    try {
      Path logDir =
          Path.of(System.getProperty("cognitocreds.workdir", System.getProperty("java.io.tmpdir")));
      Files.createDirectories(logDir);
      Path log = Files.createTempFile(logDir, "moto-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      environment.clear();
      environment.putAll(TempHome.withoutAwsSettings());
      Process process = builder.start();
      MotoServer server = new MotoServer(process, log, URI.create("http://127.0.0.1:" + port));
      try {
        await("moto_server listening on 127.0.0.1:" + port)
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .failFast("moto_server exited", () -> !process.isAlive())
            .until(() -> accepts(port));
      } catch (RuntimeException | Error e) {
        server.close();
        throw new AssertionError(
            "moto_server did not start; its log:\n" + Files.readString(log), e);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "moto_server could not be started (pip install 'moto[server]')", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ProcessTree.stop(process, 10);
  }
}

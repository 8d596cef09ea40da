package dev.cognitocreds.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Debian's docker-registry (distribution 2.8) on 127.0.0.1 with TLS (a self-signed certificate made
 * here) and one htpasswd user, {@code AWS}, whose password is the one ECR handed out: what a pull
 * through ECR presents.
 */
public final class TestRegistry implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final Process process;

  private TestRegistry(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts on {@code port} (from {@link FreePort}); {@code dir} holds every file it uses. */
  public static TestRegistry start(Path dir, int port, String password) {
    try {
      Files.createDirectories(dir.resolve("certs"));
      CommandResult cert =
          Command.run(
              List.of(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  "1",
                  "-subj",
                  "/CN=127.0.0.1",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1",
                  "-keyout",
                  dir.resolve("key.pem").toString(),
                  "-out",
                  dir.resolve("certs/ca.crt").toString()),
              Map.of("PATH", "/usr/bin:/bin"),
              "");
      assertThat(cert.exitCode()).as(cert.stderr()).isZero();
      // cost 4: distribution checks the bcrypt hash on every request, and the build machines are
      // slow
      Files.writeString(
          dir.resolve("htpasswd"), "AWS:" + BCrypt.hashpw(password, BCrypt.gensalt(4)) + "\n");
      Files.writeString(
          dir.resolve("config.yml"),
          """
          version: 0.1
          log:
            level: warn
            accesslog:
              disabled: true
          storage:
            filesystem:
              rootdirectory: %s
          http:
            addr: 127.0.0.1:%d
            secret: test-registry-upload-secret
            tls:
              certificate: %s
              key: %s
          auth:
            htpasswd:
              realm: test-registry
              path: %s
          """
              .formatted(
                  dir.resolve("data"),
                  port,
                  dir.resolve("certs/ca.crt"),
                  dir.resolve("key.pem"),
                  dir.resolve("htpasswd")));
      ProcessBuilder builder =
          new ProcessBuilder(
                  "/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile());
      // it reads REGISTRY_* variables as configuration (REGISTRY_AUTH_FILE would be auth.file)
      builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_"));
      Process process = builder.start();
      TestRegistry registry = new TestRegistry(dir, port, process);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(registry::listens);
      } catch (RuntimeException | Error e) {
        registry.close();
        throw e;
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean listens() {
    if (!process.isAlive()) {
      throw new AssertionError("docker-registry exited: " + log());
    }
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** A folder with the registry's certificate as {@code ca.crt}, for --cert-dir. */
  public Path certDir() {
    return dir.resolve("certs");
  }

  /** Copies an OCI layout's tag into {@code repository:tag} with the password given directly. */
  public void push(Path ociLayout, String tag, String repository, String password) {
    CommandResult copy =
        Command.run(
            List.of(
                "skopeo",
                "copy",
                "--dest-creds",
                "AWS:" + password,
                "--dest-cert-dir",
                certDir().toString(),
                "oci:" + ociLayout + ":" + tag,
                "docker://" + host() + "/" + repository + ":" + tag),
            Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString()),
            "");
    assertThat(copy.exitCode()).as(copy.stderr()).isZero();
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    ProcessTree.stop(process, 5);
  }
}

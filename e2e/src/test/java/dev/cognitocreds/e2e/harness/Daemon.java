package dev.cognitocreds.e2e.harness;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/cognito-credsd --port 0} as a real process in a {@link TempHome}: started, found
 * through the endpoint file it writes, and stopped with its whole process tree.
 */
public final class Daemon implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final TempHome home;
  private final Process process;
  private final Path log;
  private final URI baseUri;
  private final String token;

  private Daemon(TempHome home, Process process, Path log, URI baseUri, String token) {
    this.home = home;
    this.process = process;
    this.log = log;
    this.baseUri = baseUri;
    this.token = token;
  }

  public static Daemon start(TempHome home, String... extraArgs) {
    try {
      // A file left by a killed daemon must not be mistaken for the new one's address.
      Files.deleteIfExists(home.endpointFile());
      Path log = Files.createTempFile(home.root(), "cognito-credsd-", ".log");
      List<String> command =
          new ArrayList<>(List.of(Distribution.daemon().toString(), "--port", "0"));
      command.addAll(List.of(extraArgs));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(home.environment());
      Process process = builder.start();
      try {
        await("endpoint file " + home.endpointFile())
            .atMost(STARTUP_TIMEOUT)
            .pollInterval(Duration.ofMillis(50))
            .failFast("cognito-credsd exited early", () -> !process.isAlive())
            .until(
                () ->
                    Files.exists(home.endpointFile())
                        && !Files.readString(home.endpointFile()).isBlank());
        URI baseUri = URI.create(Files.readString(home.endpointFile()).strip());
        String token = Files.readString(home.tokenFile());
        return new Daemon(home, process, log, baseUri, token);
      } catch (RuntimeException | Error e) {
        ProcessTree.kill(process);
        throw new AssertionError(
            "cognito-credsd did not start; its log:\n" + Files.readString(log), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUri() {
    return baseUri;
  }

  public int port() {
    return baseUri.getPort();
  }

  public String token() {
    return token;
  }

  public TempHome home() {
    return home;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A request that carries the endpoint token, as every route but {@code /healthz} needs. */
  public RequestSpecification request() {
    return anonymousRequest().header("Authorization", token);
  }

  public RequestSpecification anonymousRequest() {
    return RestAssured.given().baseUri(baseUri.toString());
  }

  /** What {@code GET /v1/profiles/P/credentials} serves now (200 expected). */
  public JsonPath servedCredentials(String profile) {
    return request()
        .get("/v1/profiles/{p}/credentials", profile)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** This profile's entry of {@code GET /v1/status}. */
  public Map<String, Object> profileStatus(String profile) {
    Map<String, Object> entry =
        request()
            .get("/v1/status")
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath()
            .getMap("profiles.find { it.profile == '" + profile + "' }");
    if (entry == null) {
      throw new AssertionError("GET /v1/status lists no profile " + profile);
    }
    return entry;
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Graceful stop (SIGTERM), as a service manager would do it. */
  public void stop() {
    ProcessTree.stop(process, 15);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}

package dev.cognitocreds.client.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.contract.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The client's only way out of the process: HTTP to the daemon on 127.0.0.1, with the endpoint
 * token. {@link HttpURLConnection} rather than {@code java.net.http.HttpClient} because it starts
 * faster, and the client is started once per command.
 */
public final class DaemonClient {
  private static final Pattern LOOPBACK_ENDPOINT =
      Pattern.compile("http://127\\.0\\.0\\.1:\\d{1,5}/?");
  private static final int CONNECT_TIMEOUT_MS = 3_000;
  private static final int READ_TIMEOUT_MS = 120_000;

  static {
    // A sign-in step must reach the daemon once: never resend a POST on a dropped connection.
    System.setProperty("sun.net.http.retryPost", "false");
  }

  private final FileLocations paths;
  private final DaemonStartHint hint;

  public DaemonClient(FileLocations paths, DaemonStartHint hint) {
    this.paths = paths;
    this.hint = hint;
  }

  public FileLocations paths() {
    return paths;
  }

  /**
   * The daemon's address from its endpoint file. Only {@code http://127.0.0.1:PORT} is accepted, so
   * a tampered file cannot send the token anywhere else.
   */
  public URI endpoint() {
    Path file = paths.endpointFile();
    String line;
    try {
      line = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new DaemonNotRunningException("no endpoint file at " + file, hint);
    } catch (IOException e) {
      throw new ClientException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
    }
    if (!LOOPBACK_ENDPOINT.matcher(line).matches()) {
      throw new ClientException(
          ExitCodes.ERROR,
          file + " does not hold a loopback address of the form http://127.0.0.1:PORT");
    }
    return URI.create(line.endsWith("/") ? line.substring(0, line.length() - 1) : line);
  }

  public DaemonResponse get(String route) {
    return exchange("GET", route, null);
  }

  public DaemonResponse post(String route, JsonNode body) {
    return exchange("POST", route, body);
  }

  private DaemonResponse exchange(String method, String route, JsonNode body) {
    URI endpoint = endpoint();
    String token = token();
    byte[] bytes = body == null ? null : serialized(body);
    HttpURLConnection connection = open(endpoint, route);
    try {
      connection.setRequestMethod(method);
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(READ_TIMEOUT_MS);
      connection.setUseCaches(false);
      connection.setRequestProperty(Routes.AUTHORIZATION_HEADER, token);
      connection.setRequestProperty("Accept", "application/json");
      if (bytes != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        // Not streaming mode: in it, a 401 answer (wrong password) loses its body.
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      return new DaemonResponse(status, text);
    } catch (ConnectException | NoRouteToHostException e) {
      throw new DaemonNotRunningException("nothing answers at " + endpoint, hint);
    } catch (SocketTimeoutException e) {
      throw new ClientException(
          ExitCodes.DAEMON_NOT_RUNNING,
          "cognito-credsd at " + endpoint + " did not answer in time. " + hint.sentence());
    } catch (IOException e) {
      throw new ClientException(
          ExitCodes.DAEMON_NOT_RUNNING,
          "cannot talk to cognito-credsd at " + endpoint + ": " + e.getMessage());
    } finally {
      connection.disconnect();
    }
  }

  /** The request body; a failure names no content, since the body may hold a password. */
  private static byte[] serialized(JsonNode body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new ClientException(ExitCodes.ERROR, "cannot encode the request to cognito-credsd");
    }
  }

  private static HttpURLConnection open(URI endpoint, String route) {
    try {
      URL url = URI.create(endpoint + route).toURL();
      // NO_PROXY: the token must never travel through a proxy configured for other traffic.
      return (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new ClientException(ExitCodes.ERROR, "bad daemon route " + route);
    } catch (IOException e) {
      throw new ClientException(
          ExitCodes.ERROR, "cannot open a connection to " + endpoint + ": " + e.getMessage());
    }
  }

  /** The endpoint token: the Authorization header every route but /healthz needs. */
  public String token() {
    Path file = paths.tokenFile();
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      throw new DaemonNotRunningException("no endpoint token at " + file, hint);
    } catch (IOException e) {
      throw new ClientException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }
}

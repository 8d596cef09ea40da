package dev.cognitocreds.client.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A daemon double on 127.0.0.1:0 with fixed answers per path, publishing its files under XDG dirs.
 */
final class FakeDaemon implements AutoCloseable {

  static final String TOKEN = "fake-token-abcdefghijklmnopqrstuvwxyz0123456789";

  private final HttpServer server;
  private final Map<String, String[]> answers = new ConcurrentHashMap<>();

  FakeDaemon(Path stateHome, Path runtimeHome) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    Path state = Files.createDirectories(stateHome.resolve("cognito-creds"));
    Path runtime = Files.createDirectories(runtimeHome.resolve("cognito-creds"));
    Files.writeString(
        runtime.resolve("endpoint"), "http://127.0.0.1:" + server.getAddress().getPort() + "\n");
    Path token = state.resolve("auth-token");
    Files.writeString(token, TOKEN);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
  }

  FakeDaemon answer(String path, int status, String json) {
    answers.put(path, new String[] {Integer.toString(status), json});
    return this;
  }

  private void answer(HttpExchange exchange) throws IOException {
    String[] a =
        TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))
            ? answers.getOrDefault(
                exchange.getRequestURI().getPath(),
                new String[] {"404", "{\"code\":\"NotFound\",\"message\":\"no\"}"})
            : new String[] {"403", "{\"code\":\"BadToken\",\"message\":\"wrong token\"}"};
    byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.cognitocreds.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted daemon on 127.0.0.1: answers each "METHOD path" with queued replies (the last one
 * repeats), records every request, and publishes its endpoint and token files in a temporary home.
 */
final class StubDaemon implements AutoCloseable {
  static final String TOKEN = "stub-token-0123456789abcdefghijklmnopqrstuvwxyzAB";

  record Reply(int status, String body) {}

  record Request(String method, String path, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Path home;

  StubDaemon(Path home) throws IOException {
    this.home = home;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    Path run = Files.createDirectories(home.resolve("run/cognito-creds"));
    Path state = Files.createDirectories(home.resolve("state/cognito-creds"));
    Files.writeString(run.resolve("endpoint"), endpoint() + "\n");
    Files.writeString(state.resolve("auth-token"), TOKEN);
  }

  /** The environment of a client installed in this stub's home. */
  static Map<String, String> envFor(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  Map<String, String> env() {
    return envFor(home);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  StubDaemon reply(String method, String path, int status, String body) {
    synchronized (replies) {
      replies
          .computeIfAbsent(method + " " + path, key -> new ArrayDeque<>())
          .add(new Reply(status, body));
    }
    return this;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    String path = exchange.getRequestURI().getRawPath();
    synchronized (requests) {
      requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
    }
    Reply reply;
    synchronized (replies) {
      Deque<Reply> queue = replies.get(exchange.getRequestMethod() + " " + path);
      reply =
          queue == null
              ? new Reply(404, "{\"code\":\"NoRoute\",\"message\":\"stub has no " + path + "\"}")
              : queue.size() > 1 ? queue.poll() : queue.peek();
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

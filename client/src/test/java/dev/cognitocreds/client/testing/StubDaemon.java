package dev.cognitocreds.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client tests' daemon: a scripted HTTP server on 127.0.0.1 that answers each "METHOD path"
 * with queued replies (the last one repeats), records every request, refuses a wrong token as the
 * daemon does, and publishes its endpoint and token files in a temporary home laid out by {@link
 * #envFor}.
 */
public final class StubDaemon implements AutoCloseable {
  public static final String TOKEN = "stub-token-0123456789abcdefghijklmnopqrstuvwxyzAB";

  /** A {@code credential-process} answer, as the daemon's route gives it. */
  public static final String CREDENTIAL_PROCESS =
      "{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"secret\","
          + "\"SessionToken\":\"session\",\"Expiration\":\"2026-11-30T08:00:00Z\"}";

  private record Reply(int status, String body) {}

  /** One request as the daemon received it; header names in lower case. */
  public record Request(String method, String path, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Path home;

  public StubDaemon(Path home) throws IOException {
    this.home = home;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    Path run = Files.createDirectories(home.resolve("run/cognito-creds"));
    Path state = Files.createDirectories(home.resolve("state/cognito-creds"));
    Files.writeString(run.resolve("endpoint"), endpoint() + "\n");
    Path token = state.resolve("auth-token");
    Files.writeString(token, TOKEN);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
  }

  /** The environment of a client installed in the temporary home {@code home}. */
  public static Map<String, String> envFor(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  public Map<String, String> env() {
    return envFor(home);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Queues a reply to "METHOD path"; the last queued one answers every later request. */
  public StubDaemon reply(String method, String path, int status, String body) {
    synchronized (replies) {
      replies
          .computeIfAbsent(method + " " + path, key -> new ArrayDeque<>())
          .add(new Reply(status, body));
    }
    return this;
  }

  /** From now on "METHOD path" answers only this, whatever was queued before. */
  public StubDaemon replyOnly(String method, String path, int status, String body) {
    synchronized (replies) {
      replies.remove(method + " " + path);
    }
    return reply(method, path, status, body);
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String path = exchange.getRequestURI().getRawPath();
    synchronized (requests) {
      requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
    }
    Reply reply;
    if (!TOKEN.equals(headers.get("authorization")) && !path.equals("/healthz")) {
      reply = new Reply(403, "{\"code\":\"BadToken\",\"message\":\"wrong token\"}");
    } else {
      synchronized (replies) {
        Deque<Reply> queue = replies.get(exchange.getRequestMethod() + " " + path);
        reply =
            queue == null
                ? new Reply(404, "{\"code\":\"NotFound\",\"message\":\"stub has no " + path + "\"}")
                : queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The bench's JVM baseline: the JDK's own HTTP server on 127.0.0.1, started with the daemon's JVM
 * flags, answering {@code /healthz} and every other path with the bytes of one file. Its start
 * time and resident memory are what any JVM HTTP service pays before its own code.
 * Usage: java BaselineServer PORT BODY_FILE
 */
public final class BaselineServer {
    public static void main(String[] args) throws Exception {
        byte[] healthy = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0])), 128);
        server.createContext("/", exchange -> {
            byte[] answer = exchange.getRequestURI().getPath().equals("/healthz") ? healthy : body;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}

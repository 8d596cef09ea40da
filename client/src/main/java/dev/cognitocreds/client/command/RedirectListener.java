package dev.cognitocreds.client.command;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/**
 * The loopback listener of a browser sign-in: bound on 127.0.0.1 at the redirect URI's port (with
 * address reuse, so a listener closed a moment ago does not block the next sign-in), it turns each
 * request for the redirect path into a {@link Callback} whose page the sign-in answers. Other paths
 * (a browser's favicon request) get a 404 and change nothing.
 */
final class RedirectListener implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 10_000;

  private final ServerSocket socket;
  private final String path;
  private final Thread acceptor;

  private RedirectListener(ServerSocket socket, String path, BlockingQueue<Callback> arrivals) {
    this.socket = socket;
    this.path = path;
    this.acceptor = new Thread(() -> accept(arrivals), "redirect-listener");
    acceptor.setDaemon(true);
  }

  /** Binds now (before the address is shown); a busy port is an error naming it and the key. */
  static RedirectListener bind(URI redirectUri, BlockingQueue<Callback> arrivals) {
    ServerSocket socket = null;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(
          new InetSocketAddress(InetAddress.getByName("127.0.0.1"), redirectUri.getPort()), 8);
    } catch (BindException e) {
      close(socket);
      throw new ClientException(
          ExitCodes.ERROR,
          "port "
              + redirectUri.getPort()
              + " on 127.0.0.1 is in use, so the browser cannot come back to "
              + redirectUri
              + " (cognito_redirect_uri): end the program that holds it, or set"
              + " cognito_redirect_uri to another callback URL the app client allows");
    } catch (IOException e) {
      close(socket);
      throw new ClientException(
          ExitCodes.ERROR,
          "cannot listen on " + redirectUri + " (cognito_redirect_uri): " + e.getMessage());
    }
    String path =
        redirectUri.getRawPath() == null || redirectUri.getRawPath().isEmpty()
            ? "/"
            : redirectUri.getRawPath();
    RedirectListener listener = new RedirectListener(socket, path, arrivals);
    listener.acceptor.start();
    return listener;
  }

  private void accept(BlockingQueue<Callback> arrivals) {
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        connection.setSoTimeout(READ_TIMEOUT_MS);
        String target = requestTarget(connection);
        if (target == null) {
          respond(connection, 400, "Bad request", "This address only answers the sign-in.");
          continue;
        }
        int query = target.indexOf('?');
        String requestPath = query < 0 ? target : target.substring(0, query);
        if (!requestPath.equals(path)) {
          respond(connection, 404, "Not found", "This address only answers the sign-in.");
          continue;
        }
        arrivals.put(
            new Callback(
                Callback.parameters(query < 0 ? "" : target.substring(query + 1)),
                (status, title, text) -> respond(connection, status, title, text)));
      } catch (IOException e) {
        close(connection);
      } catch (InterruptedException e) {
        close(connection);
        return;
      }
    }
  }

  /** The target of a GET request line, reading (and dropping) the headers; null when malformed. */
  private static String requestTarget(Socket connection) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
    String line;
    try {
      line = reader.readLine();
      String header;
      do {
        header = reader.readLine();
      } while (header != null && !header.isEmpty());
    } catch (SocketTimeoutException e) {
      return null;
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    return parts.length == 3 && "GET".equals(parts[0]) && parts[1].startsWith("/")
        ? parts[1]
        : null;
  }

  /** Answers a small page and closes the connection. */
  static void respond(Socket connection, int status, String title, String text) {
    String body =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title></head><body><h1>"
            + escape(title)
            + "</h1><p id=\"message\">"
            + escape(text)
            + "</p></body></html>";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + (status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request")
            + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + bytes.length
            + "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close"
            + "\r\n\r\n";
    try (connection;
        OutputStream out = connection.getOutputStream()) {
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    } catch (IOException gone) {
      // the browser went away: nothing to tell it
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void close(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }

  @Override
  public void close() {
    close(socket);
    acceptor.interrupt();
  }
}

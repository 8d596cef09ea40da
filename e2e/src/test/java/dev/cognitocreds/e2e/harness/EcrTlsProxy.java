package dev.cognitocreds.e2e.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS proxy on 127.0.0.1 for clients that can only reach ECR at {@code
 * https://api.ecr.REGION.amazonaws.com} (no endpoint override): a client with {@code
 * HTTPS_PROXY=http://127.0.0.1:PORT} sends {@code CONNECT}, the proxy answers with TLS for that
 * host (a certificate of a {@link TestCertificateAuthority} the client trusts) and passes the
 * decrypted bytes to local-cognito unchanged, so the signature the client made for that host is
 * checked. Any other host is refused: nothing leaves the machine.
 */
public final class EcrTlsProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String host;
  private final TestCertificateAuthority authority;
  private final URI target;
  private final List<String> connects = new CopyOnWriteArrayList<>();

  private EcrTlsProxy(String host, TestCertificateAuthority authority, URI target)
      throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.host = host;
    this.authority = authority;
    this.target = target;
    Thread acceptor = new Thread(this::acceptLoop, "ecr-tls-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code CONNECT host:443} with TLS for {@code host} and forwards to {@code target}. */
  public static EcrTlsProxy start(String host, TestCertificateAuthority authority, URI target) {
    try {
      return new EcrTlsProxy(host, authority, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value for {@code HTTPS_PROXY}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Every {@code CONNECT} target asked for, allowed or not, in order. */
  public List<String> connects() {
    return List.copyOf(connects);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "ecr-tls-proxy-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      String head = readHead(client.getInputStream());
      String[] requestLine = head.lines().findFirst().orElse("").split(" ");
      String authority = requestLine.length > 1 ? requestLine[1] : "";
      connects.add(authority);
      OutputStream toClient = client.getOutputStream();
      if (!requestLine[0].equals("CONNECT") || !authority.equals(host + ":443")) {
        toClient.write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      toClient.write(
          "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      toClient.flush();
      try (SSLSocket tls =
              (SSLSocket)
                  this.authority
                      .serverContext()
                      .getSocketFactory()
                      .createSocket(client, host, 443, false);
          Socket upstream = new Socket(target.getHost(), target.getPort())) {
        tls.setUseClientMode(false);
        tls.startHandshake();
        Thread back = new Thread(() -> pump(upstream, tls), "ecr-tls-proxy-back");
        back.setDaemon(true);
        back.start();
        pump(tls, upstream);
        back.join(5_000);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away; its own exit status tells the test what happened
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException closed) {
      // one side closed: the other direction ends too
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

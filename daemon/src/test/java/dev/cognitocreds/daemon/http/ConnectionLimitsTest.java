package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.daemon.identity.AwsCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow, idle and surplus connections over real loopback sockets, written by hand: a trickle that
 * never completes its request head is closed while other callers are answered at once; an idle
 * kept-alive connection is closed; the per-address and total caps hold, shedding connections that
 * have not sent a complete request before refusing anyone.
 */
class ConnectionLimitsTest {

  private static final String TOKEN = "t0ken-t0ken-t0ken-t0ken-t0ken-t0ken-t0ken";
  private static final Duration LONG = Duration.ofSeconds(30);

  private final CountDownLatch cognitoAnswers = new CountDownLatch(1);
  private final List<Socket> sockets = new ArrayList<>();
  private ApiServer server;

  @AfterEach
  void stop() throws IOException {
    cognitoAnswers.countDown();
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
  }

  private void start(ConnectionLimits limits) {
    server =
        ApiServer.start(0, TOKEN, new TwoProfiles(), null, "0.1.0", Path.of("/nowhere"), limits);
  }

  @Test
  void aTrickleThatNeverCompletesItsHeadIsClosedWhileOthersAreAnsweredAtOnce() throws Exception {
    start(new ConnectionLimits(Duration.ofSeconds(1), LONG, 64, 128));
    int trickles = 50;
    List<Socket> dripping = new ArrayList<>();
    for (int i = 0; i < trickles; i++) {
      dripping.add(open(InetAddress.getLoopbackAddress()));
    }
    long opened = System.nanoTime();
    long[] closedAfterMillis = new long[trickles];
    Thread drip =
        new Thread(
            () -> {
              byte[] head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes();
              int stillOpen = trickles;
              for (int b = 0; stillOpen > 0 && b < 200; b++) {
                for (int i = 0; i < trickles; i++) {
                  if (closedAfterMillis[i] != 0) {
                    continue;
                  }
                  try {
                    dripping.get(i).getOutputStream().write(head[Math.min(b, head.length - 1)]);
                  } catch (IOException e) {
                    closedAfterMillis[i] = (System.nanoTime() - opened) / 1_000_000;
                    stillOpen--;
                  }
                }
                pause(100);
              }
            },
            "drip");
    drip.start();

    long slowestMillis = 0;
    for (int i = 0; i < 25; i++) {
      long t0 = System.nanoTime();
      try (Socket caller = open(InetAddress.getLoopbackAddress())) {
        send(caller, "/v1/profiles/fast/credentials", true);
        assertThat(readAnswer(caller)).startsWith("HTTP/1.1 200").contains("ASIAEXAMPLE");
      }
      slowestMillis = Math.max(slowestMillis, (System.nanoTime() - t0) / 1_000_000);
      pause(100);
    }
    drip.join(25_000);

    assertThat(slowestMillis).as("the slowest answer during the trickle, ms").isLessThan(500);
    for (long millis : closedAfterMillis) {
      assertThat(millis)
          .as("each trickle closed within the 1 s timeout, a sweep and two drips, ms")
          .isBetween(900L, 2_500L);
    }
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    start(new ConnectionLimits(LONG, Duration.ofSeconds(1), 64, 128));
    Socket kept = open(InetAddress.getLoopbackAddress());
    long sent = System.nanoTime();
    send(kept, "/v1/profiles/fast/credentials", false);
    assertThat(readAnswer(kept)).startsWith("HTTP/1.1 200");

    kept.setSoTimeout(10_000);
    assertThat(kept.getInputStream().read()).as("closed by the daemon").isEqualTo(-1);
    assertThat((System.nanoTime() - sent) / 1_000_000)
        .as("from the request to the close, ms")
        .isBetween(900L, 3_000L);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheRequestTimeout() throws Exception {
    start(new ConnectionLimits(Duration.ofSeconds(1), LONG, 64, 128));
    Socket silent = open(InetAddress.getLoopbackAddress());
    long opened = System.nanoTime();

    silent.setSoTimeout(10_000);
    assertThat(silent.getInputStream().read()).as("closed by the daemon").isEqualTo(-1);
    assertThat((System.nanoTime() - opened) / 1_000_000).isBetween(900L, 2_500L);
  }

  @Test
  void overTheCapTheConnectionsWithoutACompleteRequestAreShedFirst() throws Exception {
    start(new ConnectionLimits(LONG, LONG, 4, 6));
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      silent.add(open(InetAddress.getLoopbackAddress()));
      pause(20);
    }
    Socket caller = open(InetAddress.getLoopbackAddress());
    send(caller, "/v1/profiles/fast/credentials", false);
    assertThat(readAnswer(caller)).startsWith("HTTP/1.1 200");

    assertThat(server.openConnections()).isLessThanOrEqualTo(4);
    assertThat(silent.subList(0, 7)).as("the oldest silent ones").allMatch(this::closedByPeer);
    assertThat(silent.get(9)).as("the newest silent one").matches(socket -> !closedByPeer(socket));
  }

  @Test
  void overTheCapAnIdleConnectionIsShedBeforeOneThatHasJustOpened() throws Exception {
    start(new ConnectionLimits(LONG, LONG, 3, 6));
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket socket = open(InetAddress.getLoopbackAddress());
      send(socket, "/v1/profiles/fast/credentials", false);
      assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");
      idle.add(socket);
    }
    // a caller that has connected and is writing its request while a third connection arrives
    Socket arriving = open(InetAddress.getLoopbackAddress());
    Socket third = open(InetAddress.getLoopbackAddress());

    send(arriving, "/v1/profiles/fast/credentials", false);
    assertThat(readAnswer(arriving)).startsWith("HTTP/1.1 200");
    send(third, "/v1/profiles/fast/credentials", false);
    assertThat(readAnswer(third)).startsWith("HTTP/1.1 200");
    assertThat(idle.get(0)).as("the longest idle one").matches(this::closedByPeer);
  }

  @Test
  void connectionsAnsweringARequestAreNeverShedAndOtherAddressesStillGetIn() throws Exception {
    start(new ConnectionLimits(LONG, LONG, 3, 4));
    List<Socket> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket socket = open(InetAddress.getLoopbackAddress());
      send(socket, "/v1/profiles/slow/credentials", false);
      waiting.add(socket);
    }
    pause(300); // the sweep and the workers have seen the three requests

    Socket fourth = open(InetAddress.getLoopbackAddress());
    send(fourth, "/v1/profiles/fast/credentials", false);
    assertThat(closedByPeer(fourth)).as("refused: the address's three are all busy").isTrue();

    Socket elsewhere = open(InetAddress.getByName("127.0.0.2"));
    send(elsewhere, "/v1/profiles/fast/credentials", false);
    assertThat(readAnswer(elsewhere)).startsWith("HTTP/1.1 200");

    cognitoAnswers.countDown();
    for (Socket socket : waiting) {
      assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200").contains("ASIASLOW");
    }
  }

  private Socket open(InetAddress from) throws IOException {
    Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port(), from, 0);
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private void send(Socket socket, String path, boolean close) throws IOException {
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + server.port()
            + "\r\nAuthorization: "
            + TOKEN
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** One answer: the head, then as many body bytes as its Content-Length says. */
  private static String readAnswer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  /** True when the daemon closed the connection (end of stream or reset) within a second. */
  private boolean closedByPeer(Socket socket) {
    try {
      socket.setSoTimeout(1_000);
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Profile {@code fast} is at hand on the selector; {@code slow} waits for Cognito. */
  private final class TwoProfiles extends CredentialsOnlySessions {

    @Override
    public String defaultProfile() {
      return "fast";
    }

    @Override
    public Optional<AwsCredentials> credentialsWithoutWaiting(String profile) {
      return "fast".equals(profile) ? Optional.of(document("ASIAEXAMPLE")) : Optional.empty();
    }

    @Override
    public AwsCredentials credentials(String profile) {
      try {
        cognitoAnswers.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return document("ASIASLOW");
    }

    private AwsCredentials document(String keyId) {
      return new AwsCredentials(
          keyId, "secret", "session", Instant.now().plusSeconds(3600), Optional.empty());
    }
  }
}

package dev.cognitocreds.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the real bash launcher, packaging/src/bin/cognito-creds, whose {@code credential-process}
 * answers without a JVM, against a stub daemon, and holds it to the Java client's behaviour.
 */
class LauncherFastPathTest extends WithStubDaemon {
  private static final String ROUTE = "/v1/profiles/acme/credential-process";

  @Test
  void printsCredentialsWithTheTokenAndLoopbackHost() throws Exception {
    daemon.reply("GET", ROUTE, 200, StubDaemon.CREDENTIAL_PROCESS);

    ClientRun.Result result = launcher(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(StubDaemon.CREDENTIAL_PROCESS + "\n");
    assertThat(result.err()).isEmpty();
    StubDaemon.Request request = daemon.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo(ROUTE);
    assertThat(request.headers())
        .containsEntry("authorization", StubDaemon.TOKEN)
        .containsEntry("host", "127.0.0.1:" + daemon.port());
  }

  @Test
  void signedOutPrintsTheDecodedMessageAndExits4() throws Exception {
    daemon.reply(
        "GET",
        ROUTE,
        409,
        "{\"code\":\"SignedOut\",\"message\":"
            + "\"profile acme is signed out: run `cognito-creds login --profile acme` \\\"now\\\"\\n\"}");

    ClientRun.Result result = launcher(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.SIGNED_OUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "profile acme is signed out: run `cognito-creds login --profile acme` \"now\"\n\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "200 | {\"Version\":1,\"AccessKeyId\":\"A\"}",
        "409 | {\"code\":\"SignedOut\",\"message\":\"profile acme is signed out\"}",
        "503 | {\"code\":\"UpstreamUnavailable\",\"message\":\"Cognito is unreachable\"}",
        "502 | {\"code\":\"UpstreamError\",\"message\":\"Cognito said \\\"what\\\"\"}",
        "404 | {\"code\":\"ProfileNotFound\",\"message\":\"no profile acme; known: beta\"}",
        "403 | {\"code\":\"BadToken\",\"message\":\"wrong token\"}",
        "403 | {\"code\":\"CredentialsRefused\",\"message\":\"the licence was revoked\"}",
        "500 | not json",
        "409 | {\"code\":\"SignedOut\",\"message\":\"caf\\u00e9 \\u4e2d \\ud83d\\ude00 \\\"q\\\" a\\tb \\/ \\\\\"}",
      })
  void answersExactlyLikeTheJavaClient(int status, String body) throws Exception {
    daemon.reply("GET", ROUTE, status, body);

    ClientRun.Result bash = launcher(daemon.env(), "credential-process", "--profile", "acme");
    ClientRun.Result java = ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(bash).isEqualTo(java);
    assertThat(bash.exitCode())
        .isEqualTo(status == 200 ? 0 : ExitCodes.forDaemonError(status, codeOf(body)));
  }

  private static String codeOf(String body) {
    Matcher code = Pattern.compile("\"code\":\"([^\"]*)\"").matcher(body);
    return code.find() ? code.group(1) : null;
  }

  @Test
  void profileComesFromAwsProfileAndIsEncodedAsOneSegment() throws Exception {
    daemon.reply("GET", "/v1/profiles/a%20b%2Fc/credential-process", 200, "{}");
    Map<String, String> env = new HashMap<>(daemon.env());
    env.put("AWS_PROFILE", "a b/c");

    ClientRun.Result result = launcher(env, "credential-process");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("{}\n");
  }

  @Test
  void profileOptionWithEqualsSign() throws Exception {
    daemon.reply("GET", "/v1/profiles/beta/credential-process", 200, "{}");

    ClientRun.Result result = launcher(daemon.env(), "credential-process", "--profile=beta");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(daemon.requests())
        .extracting(StubDaemon.Request::path)
        .containsExactly("/v1/profiles/beta/credential-process");
  }

  @Test
  void daemonDownWithoutEndpointFileSaysTheSameAsTheJavaClient() throws Exception {
    Files.delete(home.resolve("run/cognito-creds/endpoint"));

    ClientRun.Result bash = launcher(daemon.env(), "credential-process", "--profile", "acme");
    ClientRun.Result java = ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(bash.exitCode()).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(bash.err()).contains("cognito-credsd is not running").contains("Start it with `");
    assertThat(bash).isEqualTo(java);
  }

  @Test
  void refusedConnectionSaysTheSameAsTheJavaClient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Files.writeString(
        home.resolve("run/cognito-creds/endpoint"), "http://127.0.0.1:" + closedPort + "\n");

    ClientRun.Result bash = launcher(daemon.env(), "credential-process", "--profile", "acme");
    ClientRun.Result java = ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(bash.exitCode()).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(bash.err()).contains("nothing answers at http://127.0.0.1:" + closedPort);
    assertThat(bash).isEqualTo(java);
  }

  @Test
  void endpointOutsideLoopbackIsNeverContacted() throws Exception {
    Files.writeString(
        home.resolve("run/cognito-creds/endpoint"), "http://192.0.2.1:" + daemon.port() + "\n");

    ClientRun.Result result = launcher(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(result.err()).contains("does not hold a loopback address");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void readsTheBodyByItsLengthWhenTheConnectionStaysOpen() throws Exception {
    String body = StubDaemon.CREDENTIAL_PROCESS;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Files.writeString(
          home.resolve("run/cognito-creds/endpoint"),
          "http://127.0.0.1:" + server.getLocalPort() + "\n");
      Thread keepAliveDaemon = new Thread(() -> answerAndStayOpen(server, body));
      keepAliveDaemon.setDaemon(true);
      keepAliveDaemon.start();

      ClientRun.Result result = launcher(daemon.env(), "credential-process", "--profile", "acme");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo(body + "\n");
    }
  }

  /**
   * Answers one request with a Content-Length body, then keeps the connection open until the server
   * closes.
   */
  private static void answerAndStayOpen(ServerSocket server, String body) {
    try (Socket socket = server.accept()) {
      BufferedReader request =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = request.readLine();
          line != null && !line.isEmpty();
          line = request.readLine()) {
        // headers are not checked here
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      socket
          .getOutputStream()
          .write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + bytes.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      socket.getInputStream().read();
    } catch (IOException e) {
      // the test ends by closing the server socket
    }
  }

  private static ClientRun.Result launcher(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return Launchers.run(Launchers.CLIENT, env, args);
  }
}

package dev.cognitocreds.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.CredentialHelper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both docker credential helpers against a stand-in daemon on loopback that answers exactly what a
 * test writes: what the helper sends (and that the token goes only into the header), and how it
 * reads answers a real daemon rarely gives: no Content-Length, escapes in an error message, no
 * JSON, no HTTP at all.
 */
@ParameterizedClass
@EnumSource(CredentialHelper.Kind.class)
class CredentialHelperAnswersTest {

  private static final String TOKEN = "t0ken-Of-The-Endpoint_0123456789";
  private static final String ECR = "111122223333.dkr.ecr.us-east-2.amazonaws.com";

  @Parameter CredentialHelper.Kind kind;
  @TempDir Path home;
  private ServerSocket daemon;
  private Map<String, String> environment;

  @BeforeEach
  void standInDaemon() throws IOException {
    daemon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Path state = Files.createDirectories(home.resolve("state/cognito-creds"));
    Path runtime = Files.createDirectories(home.resolve("run/cognito-creds"));
    Files.writeString(
        runtime.resolve("endpoint"), "http://127.0.0.1:" + daemon.getLocalPort() + "\n");
    Files.writeString(state.resolve("auth-token"), TOKEN + "\n");
    environment = new HashMap<>();
    environment.put("HOME", home.toString());
    environment.put("XDG_STATE_HOME", home.resolve("state").toString());
    environment.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
    environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    environment.put("PATH", "/usr/bin:/bin");
  }

  @AfterEach
  void stop() throws IOException {
    daemon.close();
  }

  /** Answers the next connection with {@code answer} and then closes it; yields the request. */
  private CompletableFuture<String> answerOnce(String answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket connection = daemon.accept()) {
            connection.setSoTimeout(10_000);
            String request = readHead(connection.getInputStream());
            connection.getOutputStream().write(answer.getBytes(UTF_8));
            connection.getOutputStream().flush();
            return request;
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(UTF_8).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(UTF_8);
  }

  private CommandResult get(String stdin) {
    return CredentialHelper.run(kind, environment, "get", stdin);
  }

  @Test
  void sendsOneGetWithTheTokenInTheHeaderAndTheNamesPercentEncoded() throws Exception {
    String body = "{\"ServerURL\":\"" + ECR + "\",\"Username\":\"AWS\",\"Secret\":\"pw\"}";
    CompletableFuture<String> request =
        answerOnce(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);
    environment.put("AWS_PROFILE", "team a/é");

    CommandResult get = get("https://user@" + ECR + ":443/v2/\n");

    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).isEqualTo(body + "\n");
    assertThat(get.stderr()).isEmpty();
    assertThat(request.get(10, TimeUnit.SECONDS))
        .startsWith(
            "GET /v1/registries/"
                + ECR
                + "%3A443/credentials?profile=team%20a%2F%C3%A9 HTTP/1.0\r\n")
        .contains("\r\nAuthorization: " + TOKEN + "\r\n")
        .contains("\r\nHost: 127.0.0.1:" + daemon.getLocalPort() + "\r\n");
  }

  @Test
  void anAnswerWithoutContentLengthIsReadToTheClose() throws Exception {
    String body =
        "{\"ServerURL\":\""
            + ECR
            + "\",\"Username\":\"AWS\",\"Secret\":\""
            + "x".repeat(40_000)
            + "\"}";
    answerOnce("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body);

    CommandResult get = get(ECR);

    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).isEqualTo(body + "\n");
  }

  @Test
  void anErrorMessageIsDecodedEscapesAndAll() {
    answerOnce(
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n"
            + "{\"code\":\"SignedOut\",\"message\":\"profile \\\"acme\\\" \\u00e9t\\u00e9 \\ud83d\\ude00"
            + " a\\\\b: run `cognito-creds login --profile acme`\"}");

    CommandResult get = get(ECR);

    String message = "profile \"acme\" été 😀 a\\b: run `cognito-creds login --profile acme`";
    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).isEqualTo(message + "\n");
    assertThat(get.stderr()).isEqualTo("cognito-creds: " + message + "\n");
  }

  @Test
  void registryUnknownIsNotFoundInDockersOwnWords() {
    String body = "{\"code\":\"RegistryUnknown\",\"message\":\"'x' is not a registry\"}";
    answerOnce("HTTP/1.1 404 Not Found\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

    CommandResult get = get("x");

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).isEqualTo("credentials not found in native keychain\n");
    assertThat(get.stderr()).isEqualTo("cognito-creds: 'x' is not a registry\n");
  }

  /** The failure a helper reports when what it read from the daemon is not a whole answer. */
  private void assertCannotTalk(String answer, String why) {
    answerOnce(answer);

    CommandResult get = get(ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout())
        .isEqualTo(
            "cannot talk to cognito-credsd at http://127.0.0.1:"
                + daemon.getLocalPort()
                + ": "
                + why
                + "\n");
  }

  @Test
  void anAnswerShorterThanItsContentLengthIsAnErrorNotAPassword() {
    assertCannotTalk(
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Secret\":\"pw", "its answer ended early");
  }

  @Test
  void anErrorWithoutJsonSaysTheStatus() {
    answerOnce("HTTP/1.1 500 Server Error\r\nContent-Length: 5\r\n\r\noops!");

    CommandResult get = get(ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).isEqualTo("cognito-credsd answered HTTP 500\n");
  }

  @Test
  void somethingElseOnThePortIsNoHttpAnswer() {
    assertCannotTalk("SSH-2.0-OpenSSH_9.2\r\n", "no HTTP answer");
  }

  @Test
  void anEndpointFileThatIsNotLoopbackIsRefusedBeforeAnyConnection() throws Exception {
    Path endpoint = home.resolve("run/cognito-creds/endpoint");
    Files.writeString(endpoint, "http://10.0.0.1:" + daemon.getLocalPort() + "\n");

    CommandResult get = get(ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout())
        .isEqualTo(
            endpoint + " does not hold a loopback address of the form http://127.0.0.1:PORT\n");
  }

  @Test
  void noTokenFileSaysTheDaemonIsNotRunningAndHowToStartItHere() throws Exception {
    Files.delete(home.resolve("state/cognito-creds/auth-token"));
    Path units = Files.createDirectories(home.resolve("config/systemd/user"));
    Files.writeString(units.resolve("cognito-credsd.service"), "[Service]\n");

    CommandResult get = get(ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout())
        .isEqualTo(
            "cognito-credsd is not running (no endpoint token at "
                + home.resolve("state/cognito-creds/auth-token")
                + "). Start it with `systemctl --user start cognito-credsd`.\n");
  }

  @Test
  void listEscapesWhatItPrintsAndNamesEachRegistryOnce() throws Exception {
    Path config = home.resolve("aws-config");
    Files.writeString(
        config,
        "[profile a]\ncognito_registries = "
            + ECR
            + ", https://public.ecr.aws/v2/\n"
            + "[profile b]\n  cognito_registries="
            + ECR
            + "  127.0.0.1:5000\n"
            + "[profile c]\nregion = us-east-1\n");
    environment.put("AWS_CONFIG_FILE", config.toString());

    CommandResult list = CredentialHelper.run(kind, environment, "list", "");

    assertThat(list.exitCode()).isZero();
    assertThat(list.stdout())
        .isEqualTo(
            "{\"" + ECR + "\":\"AWS\",\"public.ecr.aws\":\"AWS\",\"127.0.0.1:5000\":\"AWS\"}\n");
  }

  @Test
  void anUnknownVerbPrintsTheUsage() {
    CommandResult run = CredentialHelper.run(kind, environment, "fetch", "");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .startsWith("usage: docker-credential-cognito-creds get|list|store|erase|version\n");
  }
}

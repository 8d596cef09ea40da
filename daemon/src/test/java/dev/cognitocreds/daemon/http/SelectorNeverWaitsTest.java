package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.daemon.identity.AwsCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The credential routes run on Jetty's selector thread only while the session answers from memory:
 * a request that may wait for Cognito (the first one, or one near expiry) waits on a worker, and
 * other requests keep being answered meanwhile.
 */
class SelectorNeverWaitsTest {

  private static final String TOKEN = "t0ken-t0ken-t0ken-t0ken-t0ken-t0ken-t0ken";

  private final CountDownLatch cognitoAnswers = new CountDownLatch(1);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ApiServer server;

  @AfterEach
  void stop() {
    cognitoAnswers.countDown();
    server.close();
  }

  @Test
  void aCredentialRequestWaitingForCognitoDoesNotHoldUpOthers() throws Exception {
    server = ApiServer.start(0, TOKEN, new SlowSessions(), "0.1.0", Path.of("/nowhere"));
    CompletableFuture<HttpResponse<String>> waiting =
        http.sendAsync(
            request("/v1/profiles/acme/credentials"), HttpResponse.BodyHandlers.ofString());

    HttpResponse<String> health =
        http.send(request("/healthz"), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> status =
        http.send(request("/v1/status"), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(waiting).isNotDone();
    cognitoAnswers.countDown();
    assertThat(waiting.get(5, TimeUnit.SECONDS).body()).contains("ASIAEXAMPLE");
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", TOKEN)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  /** Sessions whose credentials wait until the test lets Cognito answer. */
  private final class SlowSessions extends CredentialsOnlySessions {

    @Override
    public AwsCredentials credentials(String profile) {
      try {
        cognitoAnswers.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new AwsCredentials(
          "ASIAEXAMPLE", "secret", "session", Instant.now().plusSeconds(3600), Optional.empty());
    }
  }
}

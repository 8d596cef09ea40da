package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What survives a restart of the daemon (the session), what does not (credentials), and a revoked
 * refresh token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonRestartTest {

  private static final String PROFILE = "acme";
  private static final int CONCURRENT_REQUESTS = 200;

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;
  private static LicensedUser user;

  @BeforeAll
  static void start() {
    fixture = LocalCognitoInstallation.demo("restart", PROFILE);
    cognito = fixture.cognito();
    installation = fixture.installation();
    user = fixture.signInNewUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @Order(1)
  void aRestartedDaemonServesCredentialsWithoutANewSignInAndRemembersTheIdentity() {
    String identityId = (String) installation.daemon().profileStatus(PROFILE).get("identityId");
    String token = installation.daemon().token();

    installation.stopDaemon();
    assertThat(installation.home().endpointFile()).as("removed on clean shutdown").doesNotExist();
    cognito.calls().reset();
    installation.startDaemon();

    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);
    assertThat(cognito.calls().count("GetId")).as("identity id kept in the session").isZero();
    assertThat(cognito.calls().count("RespondToAuthChallenge")).as("no new sign-in").isZero();
    assertThat(cognito.calls().count("GetCredentialsForIdentity")).isEqualTo(1);
    assertThat(installation.daemon().token())
        .as("the token file is reused: exported variables stay valid")
        .isEqualTo(token);
    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", user.username())
        .containsEntry("identityId", identityId);
  }

  @Test
  @Order(2)
  void twoHundredConcurrentRequestsToAColdDaemonCauseExactlyOneCredentialExchange() {
    installation.stopDaemon();
    cognito.calls().reset();
    // A slow exchange keeps it in flight while all the requests arrive, however fast this machine
    // is.
    cognito.faults().set("GetCredentialsForIdentity", Fault.latency(Duration.ofSeconds(1)));
    installation.startDaemon();

    List<HttpResponse<String>> responses;
    try {
      responses = concurrentCredentialRequests(CONCURRENT_REQUESTS);
    } finally {
      cognito.faults().clear();
    }

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses)
        .extracting(response -> accessKeyId(response.body()))
        .hasSize(CONCURRENT_REQUESTS)
        .containsOnly(accessKeyId(responses.get(0).body()));
    assertThat(cognito.calls().count("GetCredentialsForIdentity")).isEqualTo(1);
    assertThat(fixture.idTokenRefreshes())
        .as("at most one ID-token refresh")
        .isLessThanOrEqualTo(1);
    assertThat(cognito.calls().count("GetId")).isZero();
  }

  @Test
  @Order(3)
  void aRevokedRefreshTokenSignsTheProfileOutWithTheCommandThatFixesIt() {
    fixture.admin().signOutEverywhere(DemoPool.USER_POOL_ID, user.username());
    // Credentials still cached in memory stay valid until they expire; a fresh daemon must use the
    // refresh token.
    installation.restartDaemon();

    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON)
        .body("code", equalTo("SignedOut"))
        .body(
            "message",
            equalTo("profile acme is signed out: run `cognito-creds login --profile acme`"));
    assertThat(installation.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_OUT");
    CommandResult credentialProcess =
        installation.cli().run("credential-process", "--profile", PROFILE);
    assertThat(credentialProcess.exitCode()).as("%s", credentialProcess).isEqualTo(4);
    assertThat(credentialProcess.stderr()).contains("cognito-creds login --profile acme");
    assertThat(credentialProcess.stdout()).isEmpty();
  }

  private static List<HttpResponse<String>> concurrentCredentialRequests(int count) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    installation.daemon().baseUri() + "/v1/profiles/" + PROFILE + "/credentials"))
            .header("Authorization", installation.daemon().token())
            .build();
    List<CompletableFuture<HttpResponse<String>>> pending =
        IntStream.range(0, count)
            .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
            .toList();
    return pending.stream().map(CompletableFuture::join).toList();
  }

  private static String accessKeyId(String body) {
    try {
      JsonNode json = new ObjectMapper().readTree(body);
      return json.path("AccessKeyId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.AdjustableClock;
import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureType;

/**
 * An app client that rotates refresh tokens (local-cognito with a grace period): the daemon killed
 * between receiving a rotated token and using it is still signed in when restarted after the grace
 * period, and an old token replayed after it signs the profile out with the command that fixes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefreshTokenRotationTest {

  private static final String PROFILE = "acme";
  private static final int GRACE_SECONDS = 5;
  private static final Duration PARKED = Duration.ofSeconds(60);

  private static final AdjustableClock cognitoClock = new AdjustableClock();
  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  /** The session file as the sign-in wrote it, before any rotation. */
  private static String signedInSession;

  @BeforeAll
  static void start() throws IOException {
    cognito = LocalCognito.builder().port(0).demo().clock(cognitoClock).start();
    CognitoProfile profile;
    try (CognitoAdmin publisher = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      profile = rotatingClientProfile(publisher);
    }
    fixture = LocalCognitoInstallation.start("rotation", cognito, endpoint -> profile.toIni());
    installation = fixture.installation();
    fixture.signInNewUser(PROFILE);
    assertThat(installation.daemon().profileStatus(PROFILE))
        .as("the session this test reads is a file")
        .containsEntry("store", "file");
    signedInSession = Files.readString(sessionFile());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @Order(1)
  void aDaemonKilledBetweenReceivingARotatedTokenAndUsingItIsStillSignedInAfterTheGracePeriod()
      throws Exception {
    installation.stopDaemon();
    cognito.calls().reset();
    // the restarted daemon has no ID token: it rotates, stores, then parks in the credential
    // exchange
    cognito.faults().set("GetCredentialsForIdentity", Fault.latency(PARKED));
    installation.startDaemon();
    CompletableFuture<HttpResponse<String>> parked = credentialRequest();
    await("rotated, then parked in GetCredentialsForIdentity")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> cognito.calls().count("GetCredentialsForIdentity") >= 1);
    assertThat(cognito.calls().count("GetTokensFromRefreshToken"))
        .as("rotation happened")
        .isPositive();

    killDaemonForcibly();
    cognito.faults().clear();
    assertThat(parked).as("the request died with the daemon").failsWithin(Duration.ofSeconds(10));
    String rotatedSession = Files.readString(sessionFile());
    assertThat(refreshToken(rotatedSession))
        .as("the rotated token was stored before the kill")
        .isNotEqualTo(refreshToken(signedInSession));
    cognitoClock.advance(Duration.ofSeconds(GRACE_SECONDS + 1));

    cognito.calls().reset();
    installation.startDaemon();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);
    assertThat(cognito.calls().count("RespondToAuthChallenge")).as("no new sign-in").isZero();
    assertThat(installation.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_IN");
    assertThat(refreshToken(Files.readString(sessionFile())))
        .as("rotated again on the first use after restart")
        .isNotEqualTo(refreshToken(rotatedSession));
  }

  @Test
  @Order(2)
  void anOldRefreshTokenReplayedAfterTheGracePeriodSignsTheProfileOut() throws Exception {
    installation.stopDaemon();
    Files.writeString(sessionFile(), signedInSession);
    installation.startDaemon();

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
    assertThat(sessionFile()).as("a rejected session is forgotten").doesNotExist();
    assertThat(installation.daemon().log()).doesNotContain(refreshToken(signedInSession));
  }

  /**
   * A new app client of the demo pool that rotates refresh tokens, and an identity pool that trusts
   * it.
   */
  private static CognitoProfile rotatingClientProfile(CognitoAdmin publisher) {
    String clientId =
        publisher
            .userPools()
            .createUserPoolClient(
                request ->
                    request
                        .userPoolId(DemoPool.USER_POOL_ID)
                        .clientName("e2e-rotating")
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .refreshTokenRotation(
                            rotation ->
                                rotation
                                    .feature(FeatureType.ENABLED)
                                    .retryGracePeriodSeconds(GRACE_SECONDS)))
            .userPoolClient()
            .clientId();
    String identityPoolId =
        publisher
            .identityPools()
            .createIdentityPool(
                request ->
                    request
                        .identityPoolName("e2e_rotation")
                        .allowUnauthenticatedIdentities(false)
                        .cognitoIdentityProviders(
                            CognitoIdentityProvider.builder()
                                .providerName(
                                    "cognito-idp."
                                        + DemoPool.REGION
                                        + ".amazonaws.com/"
                                        + DemoPool.USER_POOL_ID)
                                .clientId(clientId)
                                .build()))
            .identityPoolId();
    publisher
        .identityPools()
        .setIdentityPoolRoles(
            request ->
                request
                    .identityPoolId(identityPoolId)
                    .roles(Map.of("authenticated", DemoPool.LICENSED_ROLE_ARN)));
    return CognitoProfile.of(
        PROFILE,
        DemoPool.REGION,
        DemoPool.USER_POOL_ID,
        clientId,
        identityPoolId,
        cognito.endpoint());
  }

  private static CompletableFuture<HttpResponse<String>> credentialRequest() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    installation.daemon().baseUri() + "/v1/profiles/" + PROFILE + "/credentials"))
            .header("Authorization", installation.daemon().token())
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * SIGKILL, as a crash or power loss: no shutdown hook runs. The launcher execs the JVM, so the
   * daemon is the child of this JVM whose main class is the daemon's and whose state folder is this
   * home's.
   */
  private static void killDaemonForcibly() throws Exception {
    String stateHome = "XDG_STATE_HOME=" + installation.home().stateDir();
    List<ProcessHandle> daemons =
        ProcessHandle.current()
            .children()
            .filter(
                child ->
                    child
                        .info()
                        .commandLine()
                        .orElse("")
                        .contains("dev.cognitocreds.daemon.CognitoCredsd"))
            .filter(child -> environment(child).contains(stateHome))
            .toList();
    assertThat(daemons).as("this home's cognito-credsd").hasSize(1);
    ProcessHandle daemon = daemons.get(0);
    assertThat(daemon.destroyForcibly()).isTrue();
    daemon.onExit().get(10, TimeUnit.SECONDS);
    await("the harness sees the daemon gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !installation.daemon().isAlive());
  }

  /** The process's environment, NUL-separated as Linux keeps it. */
  private static List<String> environment(ProcessHandle process) {
    try {
      return List.of(
          Files.readString(
                  Path.of("/proc", Long.toString(process.pid()), "environ"), StandardCharsets.UTF_8)
              .split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path sessionFile() {
    return installation.home().sessionFile(PROFILE);
  }

  private static String refreshToken(String sessionJson) throws IOException {
    return new ObjectMapper().readTree(sessionJson).path("refreshToken").asText();
  }
}

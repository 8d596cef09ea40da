package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.Fault;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cognito refused, dropped or hanging at each stage (sign-in, token refresh, GetId,
 * GetCredentialsForIdentity), a damaged session file and a configuration key from a newer version,
 * against the real daemon: every failure is a quick 503 {@code UpstreamUnavailable} that says what
 * to do (never a 500 or a 502 carrying a NullPointerException), and fresh credentials come soon
 * after Cognito answers again.
 */
class UpstreamFaultsTest {

  private static final String PROFILE = "acme";

  /** The same pools behind an address where nothing listens: an offline laptop. */
  private static final String OFFLINE = "offline";

  /** The same pools and user as acme: warms a restarted daemon up without touching acme. */
  private static final String SPARE = "spare";

  private static final String NEWER_KEY = "cognito_key_from_a_newer_version";
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
  private static final Duration FRESH_WITHIN = Duration.ofSeconds(2);

  private static LocalCognitoInstallation fixture;
  private static Installation installation;

  @BeforeAll
  static void start() {
    URI nowhere = URI.create("http://127.0.0.1:" + FreePort.onLoopback());
    fixture =
        LocalCognitoInstallation.start(
            "faults",
            LocalCognito.builder().port(0).demo().start(),
            endpoint ->
                DemoPool.profile(OFFLINE, nowhere).toIni()
                    + DemoPool.profile(SPARE, endpoint).toIni()
                    + DemoPool.profile(PROFILE, endpoint).with(NEWER_KEY, "yes").toIni());
    installation = fixture.installation();
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void clearFaults() {
    fixture.cognito().faults().clear();
  }

  @Test
  void aKeyThisVersionDoesNotKnowIsAWarningAndTheProfileIsServed() {
    assertThat(credentials(PROFILE).statusCode()).isEqualTo(200);
    Map<String, Object> status = installation.daemon().profileStatus(PROFILE);
    assertThat(status).containsEntry("state", "SIGNED_IN");
    assertThat(String.valueOf(status.get("warnings"))).contains(NEWER_KEY, "ignored");
    CommandResult shown = installation.cli().run("status");
    assertThat(shown.stdout())
        .as("%s", shown)
        .contains(PROFILE + ": warning: ")
        .contains(NEWER_KEY);
  }

  @Test
  void anOfflineRefreshIsUpstreamUnavailableAtOnceNeverANullPointerException() throws IOException {
    Files.copy(
        installation.home().sessionFile(PROFILE),
        installation.home().sessionFile(OFFLINE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertUnavailable(timed(() -> credentials(OFFLINE)), "Cognito does not answer");
    CommandResult process = installation.cli().run("credential-process", "--profile", OFFLINE);
    assertThat(process.exitCode()).as("%s", process).isEqualTo(6);
    assertThat(process.stderr()).contains("Cognito does not answer", "network connection");
    assertThat(String.valueOf(installation.daemon().profileStatus(OFFLINE).get("lastError")))
        .contains("Cognito does not answer");
    assertThat(installation.daemon().log()).doesNotContain("NullPointerException");
  }

  @ParameterizedTest(name = "sign-in, Cognito {0}")
  @ValueSource(strings = {"refused", "dropped", "hanging"})
  void aSignInThatCannotReachCognitoIsUnavailableQuickly(String fault) {
    String profile = PROFILE;
    switch (fault) {
      case "refused" -> profile = OFFLINE;
      case "dropped" -> fixture.cognito().faults().set("InitiateAuth", Fault.drop(1.0));
      default -> fixture.cognito().faults().set("InitiateAuth", Fault.hangUntilCleared());
    }
    String target = profile;
    Timed answer =
        timed(
            () ->
                installation
                    .daemon()
                    .request()
                    .contentType("application/json")
                    .body(Map.of("username", DemoPool.USER, "password", "Demo-N3w-Passw0rd!"))
                    .post("/v1/profiles/{p}/login", target));
    assertUnavailable(answer, "Cognito does not answer");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "InitiateAuth, dropped",
    "InitiateAuth, hanging",
    "GetId, dropped",
    "GetId, hanging",
    "GetCredentialsForIdentity, dropped",
    "GetCredentialsForIdentity, hanging"
  })
  void aFailingStageIsUnavailableQuicklyAndCredentialsComeSoonAfterCognitoAnswersAgain(
      String operation, String fault) throws IOException {
    // a restarted daemon has no ID token and, with the identity id forgotten, calls every stage:
    // the token refresh (InitiateAuth), GetId, GetCredentialsForIdentity
    installation.stopDaemon();
    Path session = installation.home().sessionFile(PROFILE);
    Files.writeString(
        session,
        Files.readString(session).replaceAll("(?m)^\\s*\"identityId\" : \"[^\"]*\",?\\n", ""));
    Files.copy(
        session,
        installation.home().sessionFile(SPARE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    installation.startDaemon();
    warmUp();
    fixture
        .cognito()
        .faults()
        .set(operation, fault.equals("dropped") ? Fault.drop(1.0) : Fault.hangUntilCleared());

    assertUnavailable(timed(() -> credentials(PROFILE)), "Cognito");

    fixture.cognito().faults().clear();
    long returned = System.nanoTime();
    await("fresh credentials after Cognito's return")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> credentials(PROFILE).statusCode() == 200);
    assertThat(Duration.ofNanos(System.nanoTime() - returned))
        .as("from Cognito's return to fresh credentials")
        .isLessThan(FRESH_WITHIN);
    assertThat(installation.daemon().log()).doesNotContain("NullPointerException");
  }

  @Test
  void aDamagedSessionFileIsNamedAndTheOtherProfilesAreServed() throws IOException {
    installation.stopDaemon();
    Path damaged = installation.home().sessionFile(OFFLINE);
    Files.writeString(damaged, "{\"refreshToken\" : \"eyJjdHkiOiJKV1QiLCJlbmMi");
    installation.startDaemon();

    Response refused = credentials(OFFLINE);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.jsonPath().getString("code")).isEqualTo("SignedOut");
    assertThat(refused.jsonPath().getString("message"))
        .contains(damaged.toString(), "cognito-creds login --profile " + OFFLINE);
    CommandResult process = installation.cli().run("credential-process", "--profile", OFFLINE);
    assertThat(process.exitCode()).as("%s", process).isEqualTo(4);
    assertThat(process.stderr()).contains(damaged.toString());
    assertThat(credentials(PROFILE).statusCode()).isEqualTo(200);
    assertThat(installation.daemon().profileStatus(OFFLINE)).containsEntry("state", "SIGNED_OUT");
    assertThat(installation.daemon().isAlive()).isTrue();
  }

  /**
   * A just started daemon's first Cognito calls load and build the SDK's clients, which takes
   * seconds on a busy machine: the same chain for another profile of the same pools does that, so
   * what is timed is the fault, not this machine's load.
   */
  private static void warmUp() {
    assertThat(credentials(SPARE).statusCode()).isEqualTo(200);
  }

  private static Response credentials(String profile) {
    return installation.daemon().request().get("/v1/profiles/{p}/credentials", profile);
  }

  private record Timed(Response response, Duration took) {}

  private static Timed timed(java.util.function.Supplier<Response> request) {
    long started = System.nanoTime();
    Response response = request.get();
    return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void assertUnavailable(Timed answer, String says) {
    assertThat(answer.response().statusCode())
        .as("%s", answer.response().asString())
        .isEqualTo(503);
    assertThat(answer.response().jsonPath().getString("code")).isEqualTo("UpstreamUnavailable");
    assertThat(answer.response().jsonPath().getString("message"))
        .contains(says)
        .doesNotContain("NullPointerException", "unexpected error");
    assertThat(answer.took()).as("answered within").isLessThan(ANSWER_WITHIN);
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.ShellExports;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The credential routes of a signed-in daemon, their JSON formats, and everything the daemon must
 * refuse: missing or wrong token, foreign Host, browser Origin, unknown, signed-out and broken
 * profiles.
 */
class CredentialRoutesTest {

  private static final String SIGNED_IN = "licensed";
  private static final String IDLE = "idle";
  private static final String BROKEN = "broken";

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        LocalCognitoInstallation.start(
            "credential-routes",
            LocalCognito.builder().port(0).demo().start(),
            endpoint ->
                CognitoProfile.toIni(
                    DemoPool.profile(SIGNED_IN, endpoint),
                    DemoPool.profile(IDLE, endpoint),
                    DemoPool.profile(BROKEN, endpoint)
                        .with("cognito_auth_flow", "USER_MAGIC_AUTH")),
            "--default-profile",
            SIGNED_IN);
    cognito = fixture.cognito();
    installation = fixture.installation();
    fixture.signInDemoUser(SIGNED_IN);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void bothContainerCredentialRoutesServeTheSameCredentialsInTheContainerFormat() {
    JsonPath profileRoute = credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
    JsonPath defaultRoute = credentials("/v1/credentials");

    assertThat(profileRoute.getMap(""))
        .containsKeys("AccessKeyId", "SecretAccessKey", "Token", "Expiration")
        .satisfies(
            body ->
                assertThat(body.keySet())
                    .isSubsetOf(
                        "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "AccountId"));
    assertThat(profileRoute.getString("AccessKeyId")).startsWith("ASIA");
    assertThat(profileRoute.getString("SecretAccessKey")).isNotBlank();
    assertThat(profileRoute.getString("Token")).isNotBlank();
    assertThat(Instant.parse(profileRoute.getString("Expiration"))).isAfter(Instant.now());
    if (profileRoute.getString("AccountId") != null) {
      assertThat(profileRoute.getString("AccountId"))
          .as("account of the licensed role")
          .isEqualTo(DemoPool.ACCOUNT_ID);
    }
    assertThat(defaultRoute.getMap("")).isEqualTo(profileRoute.getMap(""));
  }

  @Test
  void theCredentialProcessRouteAndCommandServeVersion1() throws Exception {
    JsonPath container = credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
    JsonPath route =
        installation
            .daemon()
            .request()
            .get("/v1/profiles/{p}/credential-process", SIGNED_IN)
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath();

    assertThat(route.getMap(""))
        .containsOnlyKeys(
            "Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
    assertThat(route.getInt("Version")).isEqualTo(1);
    assertThat(route.getString("AccessKeyId")).isEqualTo(container.getString("AccessKeyId"));
    assertThat(route.getString("SecretAccessKey"))
        .isEqualTo(container.getString("SecretAccessKey"));
    assertThat(route.getString("SessionToken")).isEqualTo(container.getString("Token"));
    assertThat(route.getString("Expiration")).isEqualTo(container.getString("Expiration"));

    CommandResult command = installation.cli().run("credential-process", "--profile", SIGNED_IN);
    assertThat(command.exitCode()).as("%s", command).isZero();
    JsonNode printed = new ObjectMapper().readTree(command.stdout());
    assertThat(printed.get("Version").asInt()).isEqualTo(1);
    assertThat(printed.get("AccessKeyId").asText()).isEqualTo(route.getString("AccessKeyId"));
    assertThat(printed.get("SessionToken").asText()).isEqualTo(route.getString("SessionToken"));
  }

  @Test
  void credentialProcessIsAnsweredWithoutStartingAJvm(@TempDir Path fakeJavaHome) throws Exception {
    // A java that only leaves a mark: the launcher would run it for any command it hands to the
    // JVM.
    Path mark = fakeJavaHome.resolve("java-was-started");
    Path java = Files.createDirectories(fakeJavaHome.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\ntouch '" + mark + "'\nexit 99\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> fakeJava = Map.of("JAVA_HOME", fakeJavaHome.toString());

    CommandResult credentialProcess =
        installation
            .cli()
            .runWithEnvironment(fakeJava, null, "credential-process", "--profile", SIGNED_IN);
    assertThat(credentialProcess.exitCode()).as("%s", credentialProcess).isZero();
    assertThat(JsonPath.from(credentialProcess.stdout()).getInt("Version")).isEqualTo(1);
    assertThat(mark).doesNotExist();

    CommandResult status = installation.cli().runWithEnvironment(fakeJava, null, "status");
    assertThat(status.exitCode()).as("the control: status does need the JVM").isEqualTo(99);
    assertThat(mark).exists();
  }

  @Test
  void cachedCredentialsAreServedWithoutAnyUpstreamCall() {
    credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
    cognito.calls().reset();

    for (int i = 0; i < 25; i++) {
      credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
      installation
          .daemon()
          .request()
          .get("/v1/profiles/{p}/credential-process", SIGNED_IN)
          .then()
          .statusCode(200);
    }

    assertThat(cognito.calls().snapshot()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "GET,/v1/credentials",
    "GET,/v1/profiles/licensed/credentials",
    "GET,/v1/profiles/licensed/credential-process",
    "GET,/v1/status",
    "POST,/v1/profiles/licensed/login",
    "POST,/v1/profiles/licensed/logout"
  })
  void everyRouteButHealthzNeedsTheToken(String method, String path) {
    installation
        .daemon()
        .anonymousRequest()
        .request(method, path)
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON)
        .body("code", equalTo("MissingToken"))
        .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
    installation
        .daemon()
        .anonymousRequest()
        .header("Authorization", oneCharacterOff(installation.daemon().token()))
        .request(method, path)
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("code", equalTo("BadToken"));
    assertThat(installation.daemon().profileStatus(SIGNED_IN))
        .as("still signed in")
        .containsEntry("state", "SIGNED_IN");
  }

  @Test
  void healthzAnswersWithoutToken() {
    installation
        .daemon()
        .anonymousRequest()
        .get("/healthz")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("status", equalTo("ok"));
  }

  @Test
  void anUnknownProfileIs404AndNamesTheKnownOnes() {
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", "nobody")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("code", equalTo("ProfileNotFound"))
        .body(
            "message",
            allOf(containsString("nobody"), containsString(SIGNED_IN), containsString(IDLE)));
  }

  @Test
  void aProfileNeverSignedInIs409WithTheCommandThatFixesIt() {
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", IDLE)
        .then()
        .statusCode(409)
        .contentType(ContentType.JSON)
        .body("code", equalTo("SignedOut"))
        .body(
            "message",
            equalTo("profile idle is signed out: run `cognito-creds login --profile idle`"));
  }

  @Test
  void aBrokenProfileIsReportedByFileProfileAndKeyWhileTheOthersKeepServing() {
    String configFile = installation.home().configFile().toString();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", BROKEN)
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body("code", equalTo("InvalidProfile"))
        .body(
            "message",
            allOf(
                containsString(configFile),
                containsString(BROKEN),
                containsString("cognito_auth_flow")));
    assertThat(installation.daemon().profileStatus(BROKEN)).containsEntry("state", "INVALID");
    assertThat(installation.daemon().profileStatus(BROKEN).get("problems").toString())
        .contains("cognito_auth_flow");
    credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
  }

  @Test
  void aForeignHostOrABrowserOriginIsRefusedAndLocalhostIsNot() {
    int port = installation.daemon().port();
    installation
        .daemon()
        .request()
        .header("Host", "attacker.example:" + port)
        .get("/v1/profiles/{p}/credentials", SIGNED_IN)
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("code", equalTo("ForbiddenHost"));
    installation
        .daemon()
        .request()
        .header("Origin", "https://attacker.example")
        .get("/v1/profiles/{p}/credentials", SIGNED_IN)
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("code", equalTo("ForbiddenOrigin"));
    installation
        .daemon()
        .request()
        .header("Host", "127.0.0.1:" + (port == 1 ? 2 : 1))
        .get("/v1/profiles/{p}/credentials", SIGNED_IN)
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON)
        .body("code", equalTo("ForbiddenHost"));
    installation
        .daemon()
        .request()
        .header("Host", "localhost:" + port)
        .get("/v1/profiles/{p}/credentials", SIGNED_IN)
        .then()
        .statusCode(200);
  }

  @Test
  void theDaemonFilesArePrivateAndInTheDocumentedFormat() throws Exception {
    Path token = installation.home().tokenFile();
    Path endpoint = installation.home().endpointFile();
    assertThat(Files.readString(token)).matches("[A-Za-z0-9_-]{43}");
    assertThat(Files.readString(endpoint))
        .isEqualTo("http://127.0.0.1:" + installation.daemon().port() + "\n");
    for (Path file : new Path[] {token, endpoint}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as("%s", file)
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .as("%s", file.getParent())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void envPrintsTheTwoContainerVariablesForTheProfile() throws Exception {
    CommandResult env = installation.cli().run("env", "--profile", SIGNED_IN);

    assertThat(env.exitCode()).as("%s", env).isZero();
    Map<String, String> exported = ShellExports.parse(env.stdout(), installation.home().root());
    assertThat(exported)
        .containsOnlyKeys(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
    assertThat(exported.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .isEqualTo(installation.daemon().baseUri() + "/v1/profiles/" + SIGNED_IN + "/credentials");
    assertThat(exported.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
        .isEqualTo(Files.readString(installation.home().tokenFile()));
  }

  @Test
  void statusShowsEveryProfileToPeopleAndToScripts() {
    CommandResult table = installation.cli().run("status");
    assertThat(table.exitCode()).as("%s", table).isZero();
    assertThat(table.stdout()).contains(SIGNED_IN, IDLE, BROKEN, DemoPool.USER, "SIGNED_IN");

    CommandResult json = installation.cli().run("status", "--json");
    assertThat(json.exitCode()).as("%s", json).isZero();
    JsonPath status = JsonPath.from(json.stdout());
    assertThat(status.getInt("port")).isEqualTo(installation.daemon().port());
    assertThat(status.getString("version")).isEqualTo("0.1.0");
    assertThat(status.getString("configFile"))
        .isEqualTo(installation.home().configFile().toString());
    Map<String, Object> signedIn = status.getMap("profiles.find { it.profile == 'licensed' }");
    assertThat(signedIn)
        .containsKeys(
            "profile",
            "state",
            "username",
            "sub",
            "identityId",
            "expiration",
            "nextRefresh",
            "lastError",
            "store",
            "problems");
    assertThat(signedIn).containsEntry("store", "file").containsEntry("lastError", null);
    // docs/protocol.md: with one-hour credentials, renewal starts 20 to 22 minutes before they
    // expire.
    Duration margin =
        Duration.between(
            Instant.parse((String) signedIn.get("nextRefresh")),
            Instant.parse((String) signedIn.get("expiration")));
    assertThat(margin)
        .isBetween(Duration.ofMinutes(20).minusSeconds(1), Duration.ofMinutes(22).plusSeconds(1));
    assertThat(status.getString("profiles.find { it.profile == 'licensed' }.state"))
        .isEqualTo("SIGNED_IN");
    assertThat(status.getString("profiles.find { it.profile == 'idle' }.state"))
        .isEqualTo("SIGNED_OUT");
    assertThat(status.getString("profiles.find { it.profile == 'broken' }.state"))
        .isEqualTo("INVALID");
  }

  @Test
  void noSecretReachesTheDaemonLog() throws Exception {
    JsonPath served = credentials("/v1/profiles/" + SIGNED_IN + "/credentials");
    List<String> secrets =
        new ArrayList<>(
            List.of(
                served.getString("SecretAccessKey"),
                served.getString("Token"),
                installation.daemon().token()));
    // The refresh token: the one long value of the session file (ids and names are short).
    new ObjectMapper()
        .readTree(Files.readString(installation.home().sessionFile(SIGNED_IN)))
        .forEach(
            value -> {
              if (value.isTextual() && value.asText().length() > 64) {
                secrets.add(value.asText());
              }
            });
    assertThat(secrets).hasSizeGreaterThan(3);

    String log = installation.daemon().log();
    assertThat(log).contains("licensed");
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
  }

  /**
   * The token with its first character changed (to another one: a random token may start with any).
   */
  private static String oneCharacterOff(String token) {
    return (token.charAt(0) == 'x' ? "y" : "x") + token.substring(1);
  }

  private static JsonPath credentials(String path) {
    return installation
        .daemon()
        .request()
        .get(path)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }
}

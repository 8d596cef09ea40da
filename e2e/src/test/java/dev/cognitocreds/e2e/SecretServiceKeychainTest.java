package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.e2e.harness.Cli;
import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.ProcessTree;
import dev.cognitocreds.e2e.harness.TempHome;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

/**
 * A real Secret Service (gnome-keyring in a private D-Bus session, unlocked headless): a daemon
 * that finds it keeps the refresh token there and only metadata in the session file, a session
 * signed in with files moves into it without a new sign-in, and a daemon without it says where the
 * session is, and the bus going away under a running daemon is a warning at the next use. Needs the
 * apt packages {@code gnome-keyring dbus-daemon dbus-bin}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretServiceKeychainTest {

  private static final String PROFILE = "acme";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static Process secretService;
  private static String busAddress;
  private static LocalCognito cognito;
  private static TempHome home;
  private static LicensedUser user;
  private static Process daemon;

  @BeforeAll
  static void start() throws Exception {
    home = TempHome.create("keychain");
    secretService =
        startSecretService(Files.createDirectories(home.root().resolve("keyring-home")));
    cognito = LocalCognito.builder().port(0).demo().start();
    home.writeConfig(DemoPool.profile(PROFILE, cognito.endpoint()).toIni());
    try (CognitoAdmin admin = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      user = LicensedUser.create(admin, DemoPool.USER_POOL_ID);
    }
  }

  @AfterAll
  static void stop() {
    try {
      stopDaemon();
      if (secretService != null) {
        ProcessTree.stop(secretService, 5);
      }
      if (cognito != null) {
        cognito.close();
      }
    } finally {
      home.close();
    }
  }

  @Test
  @Order(1)
  void aSessionSignedInWithFilesMovesIntoTheKeychainWithoutANewSignIn() throws Exception {
    startDaemon(false);
    assertThat(profileStatus()).as("no D-Bus session: files").containsEntry("store", "file");
    CommandResult login =
        new Cli(home).login(PROFILE, user.username(), user.temporaryPassword(), user.password());
    assertThat(login.exitCode()).as("%s", login).isZero();
    String refreshToken = sessionFileField("refreshToken");
    assertThat(refreshToken).isNotBlank();
    stopDaemon();

    cognito.calls().reset();
    startDaemon(true);
    assertThat(profileStatus())
        .containsEntry("store", "keychain")
        .containsEntry("state", "SIGNED_IN");
    request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);

    assertThat(cognito.calls().count("RespondToAuthChallenge")).as("no new sign-in").isZero();
    assertThat(cognito.calls().count("InitiateAuth"))
        .as("one refresh with the stored token")
        .isEqualTo(1);
    assertThat(Files.readString(home.sessionFile(PROFILE)))
        .doesNotContain(refreshToken)
        .contains("\"store\" : \"keychain\"", user.username());
  }

  @Test
  @Order(2)
  void theKeychainKeepsTheSessionAcrossRestarts() throws Exception {
    stopDaemon();
    cognito.calls().reset();
    startDaemon(true);

    request().get("/v1/profiles/{p}/credential-process", PROFILE).then().statusCode(200);
    assertThat(cognito.calls().count("InitiateAuth"))
        .as("refreshed with the token from the keychain")
        .isEqualTo(1);
    assertThat(profileStatus())
        .containsEntry("store", "keychain")
        .containsEntry("username", user.username());
    assertThat(sessionFileField("refreshToken")).isEmpty();
  }

  @Test
  @Order(3)
  void withoutTheKeychainTheDaemonSaysWhereTheSessionIs() throws Exception {
    stopDaemon();
    startDaemon(false);

    assertThat(profileStatus()).containsEntry("store", "file").containsEntry("state", "SIGNED_OUT");
    assertThat(daemonLog())
        .contains(
            "the session of profile acme is kept in the OS keychain, which does not answer now");
    assertThat(home.sessionFile(PROFILE)).as("kept for when the keychain answers again").exists();
  }

  /**
   * The session bus going away under a running daemon (the desktop session ended, the bus was
   * restarted): the credentials in memory are still served, and the keychain's absence shows when
   * it is next used, as one warning line of ours; a sign-in then keeps the token in the private
   * session file, and status says "file", not "keychain". The D-Bus library logged it at once as an
   * ERROR with a stack trace, which reads like a crash of the daemon.
   */
  @Test
  @Order(4)
  void theSessionBusGoingAwayIsAWarningWhenTheKeychainIsNextUsedNotAStackTrace() throws Exception {
    stopDaemon();
    startDaemon(true);
    assertThat(profileStatus())
        .containsEntry("store", "keychain")
        .containsEntry("state", "SIGNED_IN");

    ProcessTree.stop(secretService, 5);
    secretService = null;
    request().get("/v1/profiles/{p}/credentials", PROFILE).then().statusCode(200);
    CommandResult logout = new Cli(home).run("logout", "--profile", PROFILE);
    assertThat(logout.exitCode()).as("%s", logout).isZero();

    CommandResult login = new Cli(home).login(PROFILE, user.username(), user.password());
    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(profileStatus())
        .as("the token waits in the private session file, and status says so")
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("store", "file");
    assertThat(sessionFileField("refreshToken")).isNotBlank();

    assertThat(daemonLog())
        .contains("cannot delete the keychain entry")
        .doesNotContain(" ERROR ")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in connection thread")
        .doesNotContain("java.io.IOException");
  }

  /**
   * {@code dbus-run-session} with gnome-keyring's Secret Service unlocked by a password on stdin
   * (no prompt), its keyring files under {@code keyringHome}; answers once the service owns its bus
   * name.
   */
  private static Process startSecretService(Path keyringHome) throws Exception {
    String script =
        """
                echo -n e2e-keyring-password | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
                for i in $(seq 1 200); do
                  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
                    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
                  sleep 0.05
                done
                echo "$DBUS_SESSION_BUS_ADDRESS"
                wait
                """;
    ProcessBuilder builder =
        new ProcessBuilder("dbus-run-session", "--", "sh", "-c", script)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("HOME", keyringHome.toString());
    builder.environment().put("XDG_DATA_HOME", keyringHome.resolve("data").toString());
    builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "a real Secret Service needs: apt-get install -y gnome-keyring dbus-daemon dbus-bin", e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    busAddress =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    return null;
                  }
                })
            .get(30, TimeUnit.SECONDS);
    assertThat(busAddress)
        .as(
            "D-Bus session with gnome-keyring (apt-get install -y gnome-keyring dbus-daemon dbus-bin)")
        .startsWith("unix:");
    return process;
  }

  /** {@code bin/cognito-credsd --port 0} in the home, with or without the D-Bus session. */
  private static void startDaemon(boolean withKeychain) throws Exception {
    Files.deleteIfExists(home.endpointFile());
    Path log = home.root().resolve("cognito-credsd.log");
    ProcessBuilder builder =
        new ProcessBuilder(Distribution.daemon().toString(), "--port", "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(home.environment());
    builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
    if (withKeychain) {
      builder.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
      // on a loaded machine loading the keychain code alone can outlast the default 1.5 s per call
      builder.environment().put("COGNITO_CREDS_KEYCHAIN_TIMEOUT_MS", "15000");
    }
    daemon = builder.start();
    try {
      await("endpoint file")
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .failFast("cognito-credsd exited early", () -> !daemon.isAlive())
          .until(
              () ->
                  Files.exists(home.endpointFile())
                      && !Files.readString(home.endpointFile()).isBlank());
    } catch (RuntimeException e) {
      ProcessTree.kill(daemon);
      throw new AssertionError("cognito-credsd did not start; its log:\n" + daemonLog(), e);
    }
  }

  private static void stopDaemon() {
    if (daemon != null && daemon.isAlive()) {
      ProcessTree.stop(daemon, 15);
      System.out.println("==== cognito-credsd log ====\n" + daemonLog());
    }
  }

  private static String daemonLog() {
    try {
      return Files.readString(home.root().resolve("cognito-credsd.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static RequestSpecification request() throws IOException {
    return RestAssured.given()
        .baseUri(Files.readString(home.endpointFile()).strip())
        .header("Authorization", Files.readString(home.tokenFile()));
  }

  private static Map<String, Object> profileStatus() throws IOException {
    List<Map<String, Object>> profiles =
        request().get("/v1/status").then().statusCode(200).extract().jsonPath().getList("profiles");
    return profiles.stream()
        .filter(entry -> PROFILE.equals(entry.get("profile")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no profile " + PROFILE + " in /v1/status"));
  }

  private static String sessionFileField(String field) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Files.readString(home.sessionFile(PROFILE)))
        .path(field)
        .asText();
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.cognitocreds.e2e.harness.AdjustableClock;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in conversation through {@code cognito-creds login} and the daemon's login route, with
 * SRP.
 */
class SignInTest {

  private static final String PROFILE = "acme";
  private static final String OTHER_PROFILE = "other";

  private static final AdjustableClock cognitoClock = new AdjustableClock();

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        LocalCognitoInstallation.start(
            "sign-in",
            LocalCognito.builder().port(0).demo().clock(cognitoClock).start(),
            endpoint ->
                CognitoProfile.toIni(
                    DemoPool.profile(PROFILE, endpoint),
                    DemoPool.profile(OTHER_PROFILE, endpoint)));
    cognito = fixture.cognito();
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void resetCounts() {
    cognito.calls().reset();
  }

  @Test
  void theFirstSignInWithSrpReplacesTheTemporaryPasswordFromStdin() throws Exception {
    String newPassword = "Licensed-N3w-Passw0rd!";

    CommandResult login =
        installation.cli().login(PROFILE, DemoPool.USER, DemoPool.TEMPORARY_PASSWORD, newPassword);

    assertThat(login.exitCode()).as("%s", login).isZero();
    // SRP: the password verifier round, then the new-password challenge; USER_PASSWORD_AUTH would
    // need only one.
    assertThat(cognito.calls().count("InitiateAuth")).isEqualTo(1);
    assertThat(cognito.calls().count("RespondToAuthChallenge")).isEqualTo(2);
    Map<String, Object> profile = installation.daemon().profileStatus(PROFILE);
    assertThat(profile)
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", DemoPool.USER);
    assertThat((String) profile.get("identityId")).startsWith(DemoPool.REGION + ":");
    assertSessionStoredPrivatelyWithoutPasswords(DemoPool.TEMPORARY_PASSWORD, newPassword);
    assertThat(installation.daemon().log())
        .doesNotContain(DemoPool.TEMPORARY_PASSWORD)
        .doesNotContain(newPassword);
  }

  @Test
  void aWrongPasswordIsRefusedWithCognitosMessageAndExitCode5() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);

    CommandResult login =
        installation.cli().login(PROFILE, user.username(), "not-" + user.temporaryPassword());

    assertThat(login.exitCode()).as("%s", login).isEqualTo(5);
    assertThat(login.stderr()).contains("Incorrect username or password");
    installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user.username(), "password", "still-wrong"))
        .post("/v1/profiles/{p}/login", PROFILE)
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON)
        .body("code", equalTo("NotAuthorizedException"))
        .body("message", startsWith("Incorrect username or password"));
  }

  @Test
  void aNewPasswordThePoolRefusesIsExitCode5WithCognitosReason() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);

    CommandResult login =
        installation.cli().login(PROFILE, user.username(), user.temporaryPassword(), "short");

    assertThat(login.exitCode()).as("%s", login).isEqualTo(5);
    assertThat(login.stderr()).containsIgnoringCase("password");
    String conversation = startLogin(PROFILE, user).getString("conversation");
    continueLogin(PROFILE, conversation, "short")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("code", equalTo("InvalidPasswordException"));
  }

  @Test
  void withoutATerminalLoginRefusesToPromptAndNamesPasswordStdin() {
    CommandResult login =
        installation.cli().run("login", "--profile", PROFILE, "--username", DemoPool.USER);

    assertThat(login.exitCode()).as("%s", login).isEqualTo(2);
    assertThat(login.stderr()).contains("--password-stdin");
    assertThat(cognito.calls().snapshot()).isEmpty();
  }

  @Test
  void theLoginRouteWalksTheNewPasswordChallengeAndThenSignsIn() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);

    JsonPath challenge = startLogin(PROFILE, user);
    assertThat(challenge.getString("status")).isEqualTo("CHALLENGE");
    assertThat(challenge.getString("profile")).isEqualTo(PROFILE);
    assertThat(challenge.getString("challenge")).isEqualTo("NEW_PASSWORD_REQUIRED");
    assertThat(challenge.getString("conversation")).isNotBlank();
    assertThat(challenge.getString("fields[0].name")).isEqualTo("NEW_PASSWORD");
    assertThat(challenge.getBoolean("fields[0].secret")).isTrue();
    assertThat(challenge.getString("message")).isNotBlank();
    assertThat(Instant.parse(challenge.getString("expiresAt"))).isAfter(Instant.now());

    JsonPath signedIn =
        continueLogin(PROFILE, challenge.getString("conversation"), user.password())
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath();
    assertThat(signedIn.getString("status")).isEqualTo("SIGNED_IN");
    assertThat(signedIn.getString("profile")).isEqualTo(PROFILE);
    assertThat(Instant.parse(signedIn.getString("expiration"))).isAfter(Instant.now());
    assertThat(signedIn.getString("username")).isEqualTo(user.username());
    assertThat(signedIn.getString("identityId")).startsWith(DemoPool.REGION + ":");
    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("username", user.username());
  }

  @Test
  void aContinuationThatCognitoNoLongerKnowsIs410WithTheCommandToStartAgain() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);
    String conversation = startLogin(PROFILE, user).getString("conversation");

    // Cognito's challenge sessions last 3 minutes.
    cognitoClock.advance(Duration.ofMinutes(4));
    try {
      continueLogin(PROFILE, conversation, user.password())
          .then()
          .statusCode(410)
          .contentType(ContentType.JSON)
          .body("code", equalTo("ConversationExpired"))
          .body("message", containsString("cognito-creds login"));
    } finally {
      cognitoClock.reset();
    }
  }

  @Test
  void aConversationIsUnknownToAnotherProfileAndAfterGuessing() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);
    String conversation = startLogin(PROFILE, user).getString("conversation");

    continueLogin(OTHER_PROFILE, conversation, user.password())
        .then()
        .statusCode(410)
        .body("code", equalTo("ConversationExpired"))
        .body("message", containsString("cognito-creds login --profile other"));
    continueLogin(PROFILE, "not-" + conversation, user.password())
        .then()
        .statusCode(410)
        .body("code", equalTo("ConversationExpired"));
    assertThat(installation.daemon().profileStatus(OTHER_PROFILE))
        .containsEntry("state", "SIGNED_OUT");
  }

  @Test
  void aMissingRequiredAttributeIsAskedAfterTheNewPassword() {
    LicensedUser user = LicensedUser.createWithoutEmail(fixture.admin(), DemoPool.USER_POOL_ID);
    String email = user.username() + "@example.com";

    CommandResult login =
        installation
            .cli()
            .login(PROFILE, user.username(), user.temporaryPassword(), user.password(), email);

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("username", user.username());
    assertThat(cognito.calls().count("RespondToAuthChallenge")).isEqualTo(2);
  }

  @Test
  void aLaterSignInNeedsOnlyThePasswordAndLogoutRevokesTheRefreshToken() {
    LicensedUser user = fixture.signInNewUser(PROFILE);
    cognito.calls().reset();

    CommandResult again = installation.cli().login(PROFILE, user.username(), user.password());
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(cognito.calls().count("RespondToAuthChallenge"))
        .as("only the SRP verifier round")
        .isEqualTo(1);

    CommandResult logout = installation.cli().run("logout", "--profile", PROFILE);
    assertThat(logout.exitCode()).as("%s", logout).isZero();
    assertThat(cognito.calls().count("RevokeToken")).isEqualTo(1);
    assertThat(installation.home().sessionFile(PROFILE)).doesNotExist();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(409)
        .body("code", equalTo("SignedOut"))
        .body(
            "message",
            equalTo("profile acme is signed out: run `cognito-creds login --profile acme`"));
  }

  /** {@code POST login} with the temporary password: the answer is the new-password challenge. */
  private static JsonPath startLogin(String profile, LicensedUser user) {
    return installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user.username(), "password", user.temporaryPassword()))
        .post("/v1/profiles/{p}/login", profile)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  private static Response continueLogin(String profile, String conversation, String newPassword) {
    return installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("conversation", conversation, "answers", Map.of("NEW_PASSWORD", newPassword)))
        .post("/v1/profiles/{p}/login", profile);
  }

  private static void assertSessionStoredPrivatelyWithoutPasswords(String... passwords)
      throws Exception {
    var session = installation.home().sessionFile(PROFILE);
    assertThat(session).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session.getParent())))
        .isEqualTo("rwx------");
    String content = Files.readString(session);
    for (String password : passwords) {
      assertThat(content).doesNotContain(password);
    }
  }
}

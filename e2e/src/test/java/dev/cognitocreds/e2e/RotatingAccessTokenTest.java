package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.Seed;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An app client that rotates refresh tokens and whose access tokens end long before its ID tokens:
 * {@code passwd} and {@code logout --everywhere} need an access token the daemon has to refresh
 * (through the rotation) while the ID token is still fresh; {@code passwd} keeps the session, a
 * restart refreshes with GetTokensFromRefreshToken at once, {@code logout --everywhere} ends every
 * session of the user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotatingAccessTokenTest {

  private static final String PROFILE = "acme";
  private static final String OTHER_DEVICE = "acme-laptop";
  private static final String POOL = "us-east-2_ROTaccss1";
  private static final String CLIENT = "rotatingaccessclient00000a";
  private static final String IDENTITY_POOL = "us-east-2:00000000-0000-4000-8000-0000000000a7";
  private static final String USER = "rotating-user";
  private static final String PASSWORD = "Seeded-Passw0rd";
  private static final String NEW_PASSWORD = "Changed-Passw0rd";
  private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3);

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture =
        LocalCognitoInstallation.start(
            "rotating-access-token",
            LocalCognito.builder().port(0).seed(seed()).start(),
            endpoint ->
                CognitoProfile.toIni(
                    CognitoProfile.of(
                        PROFILE, DemoPool.REGION, POOL, CLIENT, IDENTITY_POOL, endpoint),
                    CognitoProfile.of(
                        OTHER_DEVICE, DemoPool.REGION, POOL, CLIENT, IDENTITY_POOL, endpoint)));
    cognito = fixture.cognito();
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** Access tokens of 3 seconds, ID tokens of an hour, rotation with a grace period. */
  private static Seed seed() {
    return Seed.fromJson(
        """
                {"Region": "us-east-2",
                 "UserPools": [{"Id": "%s", "PoolName": "rotating-access",
                   "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": true,
                                                   "RequireLowercase": true, "RequireNumbers": true,
                                                   "RequireSymbols": false}},
                   "Clients": [{"ClientId": "%s", "ClientName": "cli",
                     "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                     "AccessTokenValidity": %d, "IdTokenValidity": 3600,
                     "TokenValidityUnits": {"AccessToken": "seconds", "IdToken": "seconds"},
                     "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 5}}],
                   "Users": [{"Username": "%s", "Password": "%s",
                              "Attributes": {"email": "rotating@example.com", "email_verified": "true"}}]}],
                 "IdentityPools": [{"IdentityPoolId": "%s", "IdentityPoolName": "rotating_ids",
                   "AllowUnauthenticatedIdentities": false,
                   "CognitoIdentityProviders": [
                     {"ProviderName": "cognito-idp.us-east-2.amazonaws.com/%s", "ClientId": "%s"}],
                   "Roles": {"authenticated": "%s"}}]}
                """
            .formatted(
                POOL,
                CLIENT,
                ACCESS_TOKEN_LIFETIME.toSeconds(),
                USER,
                PASSWORD,
                IDENTITY_POOL,
                POOL,
                CLIENT,
                DemoPool.LICENSED_ROLE_ARN));
  }

  @Test
  @Order(1)
  void
      passwdWithAnExpiredAccessTokenKeepsTheSessionAndARestartRefreshesWithoutARefusedInitiateAuth()
          throws Exception {
    signIn(PROFILE, PASSWORD);
    outliveTheAccessToken();

    CommandResult passwd =
        installation
            .cli()
            .runWithInput(
                PASSWORD + "\n" + NEW_PASSWORD + "\n",
                "passwd",
                "--profile",
                PROFILE,
                "--password-stdin");

    assertThat(passwd.exitCode()).as("%s", passwd).isZero();
    assertThat(passwd.stdout()).contains("Password changed for profile acme");
    assertThat(cognito.calls().count("GetTokensFromRefreshToken"))
        .as("the access token came with a rotation")
        .isPositive();
    assertThat(installation.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_IN");
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(200);

    installation.stopDaemon();
    cognito.calls().reset();
    installation.startDaemon();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(200);

    assertThat(cognito.calls().count("GetTokensFromRefreshToken"))
        .as("the stored, rotated token works")
        .isPositive();
    assertThat(cognito.calls().count("InitiateAuth"))
        .as("no refused REFRESH_TOKEN_AUTH, no new sign-in")
        .isZero();
    assertThat(installation.daemon().log()).doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD);
  }

  @Test
  @Order(2)
  void logoutEverywhereWithAnExpiredAccessTokenEndsEverySessionOfTheUser() throws Exception {
    signIn(OTHER_DEVICE, NEW_PASSWORD);
    outliveTheAccessToken();
    cognito.calls().reset();

    CommandResult logout = installation.cli().run("logout", "--everywhere", "--profile", PROFILE);

    assertThat(logout.exitCode()).as("%s", logout).isZero();
    assertThat(cognito.calls().count("GlobalSignOut")).isEqualTo(1);
    assertThat(cognito.calls().count("RevokeToken"))
        .as("the global sign-out worked: no fallback")
        .isZero();
    assertThat(cognito.calls().count("InitiateAuth")).as("the rotation is remembered").isZero();
    assertThat(installation.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_OUT");
    // the other device's refresh token is dead too: a daemon without cached tokens finds it signed
    // out
    installation.restartDaemon();
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", OTHER_DEVICE)
        .then()
        .statusCode(409);
  }

  private static void signIn(String profile, String password) {
    CommandResult login = installation.cli().login(profile, USER, password);
    assertThat(login.exitCode()).as("%s", login).isZero();
  }

  /** The daemon judges expiry by its own clock, which is the real one: wait for it. */
  private static void outliveTheAccessToken() throws InterruptedException {
    Thread.sleep(ACCESS_TOKEN_LIFETIME.plusSeconds(1).toMillis());
  }
}

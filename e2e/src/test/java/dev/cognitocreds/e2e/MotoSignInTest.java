package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.MotoServer;
import dev.cognitocreds.e2e.harness.ProvisionedPools;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same sign-in → credentials flow against moto, an emulator we did not write, provisioned
 * through the AWS SDK as a publisher would provision Cognito, with {@code USER_PASSWORD_AUTH}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoSignInTest {

  private static final String PROFILE = "moto";

  private static MotoServer moto;
  private static CognitoAdmin admin;
  private static ProvisionedPools pools;
  private static LicensedUser user;
  private static Installation installation;

  @BeforeAll
  static void start() {
    moto = MotoServer.start();
    admin = new CognitoAdmin(moto.endpoint(), ProvisionedPools.MOTO_REGION);
    pools = ProvisionedPools.inMoto(admin);
    user = LicensedUser.create(admin, pools.userPoolId());
    CognitoProfile profile =
        pools.profile(PROFILE, moto.endpoint()).with("cognito_auth_flow", "USER_PASSWORD_AUTH");
    installation = Installation.start("moto", profile.toIni());
  }

  @AfterAll
  static void stop() {
    if (installation != null) {
      installation.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefused() {
    CommandResult login =
        installation.cli().login(PROFILE, user.username(), "wrong-" + user.temporaryPassword());

    assertThat(login.exitCode()).as("%s", login).isEqualTo(5);
    assertThat(login.stderr()).contains("Incorrect username or password");
  }

  @Test
  @Order(2)
  void theFirstSignInChangesThePasswordAndYieldsCredentials() {
    installation.firstSignIn(PROFILE, user);

    assertThat(installation.daemon().profileStatus(PROFILE))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", user.username());
    assertCredentialsServed();
  }

  @Test
  @Order(3)
  void aLaterSignInWithTheNewPasswordAndARestartKeepWorking() {
    CommandResult login = installation.cli().login(PROFILE, user.username(), user.password());
    assertThat(login.exitCode()).as("%s", login).isZero();

    installation.restartDaemon();

    assertCredentialsServed();
  }

  private static void assertCredentialsServed() {
    JsonPath container =
        installation
            .daemon()
            .request()
            .get("/v1/profiles/{p}/credentials", PROFILE)
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath();
    assertThat(container.getString("AccessKeyId")).isNotBlank();
    assertThat(container.getString("SecretAccessKey")).isNotBlank();
    assertThat(container.getString("Token")).isNotBlank();
    assertThat(Instant.parse(container.getString("Expiration"))).isAfter(Instant.now());
    CommandResult process = installation.cli().run("credential-process", "--profile", PROFILE);
    assertThat(process.exitCode()).as("%s", process).isZero();
    assertThat(JsonPath.from(process.stdout()).getString("AccessKeyId"))
        .isEqualTo(container.getString("AccessKeyId"));
  }
}

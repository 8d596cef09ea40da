package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.ProvisionedPools;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.identitypool.IssuedCredentials;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ways a publisher may set Cognito up, each a profile of one installation: an app client with a
 * secret, roles chosen from the token with {@code cognito_role_arn}, and {@code
 * USER_PASSWORD_AUTH}.
 */
class PublisherSetupsTest {

  private static final String CONFIDENTIAL = "confidential";
  private static final String TOKEN_ROLES = "token-roles";
  private static final String BETA_ROLE = "beta-role";
  private static final String PASSWORD_FLOW = "password-flow";
  private static final String BETA_ROLE_ARN = "arn:aws:iam::111122223333:role/ecr-pull-beta";

  private static LocalCognitoInstallation fixture;
  private static Installation installation;

  @BeforeAll
  static void start() {
    LocalCognito cognito = LocalCognito.builder().port(0).demo().start();
    ProvisionedPools withSecret;
    ProvisionedPools tokenRoles;
    try (CognitoAdmin publisher = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      withSecret = ProvisionedPools.clientWithSecretInDemoPool(publisher);
      tokenRoles = ProvisionedPools.rolesFromTokenForDemoClient(publisher);
      publisher.createGroupWithRole(DemoPool.USER_POOL_ID, "beta", BETA_ROLE_ARN, 5);
    }
    fixture =
        LocalCognitoInstallation.start(
            "publisher-setups",
            cognito,
            endpoint ->
                CognitoProfile.toIni(
                    withSecret.profile(CONFIDENTIAL, endpoint),
                    tokenRoles.profile(TOKEN_ROLES, endpoint),
                    tokenRoles.profile(BETA_ROLE, endpoint).with("cognito_role_arn", BETA_ROLE_ARN),
                    DemoPool.profile(PASSWORD_FLOW, endpoint)
                        .with("cognito_auth_flow", "USER_PASSWORD_AUTH")));
    installation = fixture.installation();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void resetCounts() {
    fixture.cognito().calls().reset();
  }

  @Test
  void anAppClientWithASecretSignsInAndRefreshesWithSecretHash() {
    fixture.signInNewUser(CONFIDENTIAL);
    String before = credentials(CONFIDENTIAL).getString("AccessKeyId");

    // A fresh daemon holds no ID token: its first exchange needs a refresh, which needs SECRET_HASH
    // too;
    // a wrong one would sign the profile out.
    fixture.cognito().calls().reset();
    installation.restartDaemon();
    String after = credentials(CONFIDENTIAL).getString("AccessKeyId");

    assertThat(after).isNotEqualTo(before);
    assertThat(fixture.idTokenRefreshes()).isGreaterThanOrEqualTo(1);
    assertThat(fixture.cognito().calls().count("RespondToAuthChallenge"))
        .as("no new sign-in")
        .isZero();
  }

  @Test
  void cognitoRoleArnChoosesAmongTheRolesOfTheToken() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);
    fixture.admin().addToGroup(DemoPool.USER_POOL_ID, user.username(), "licensed");
    fixture.admin().addToGroup(DemoPool.USER_POOL_ID, user.username(), "beta");
    installation.firstSignIn(TOKEN_ROLES, user);
    CommandResult login = installation.cli().login(BETA_ROLE, user.username(), user.password());
    assertThat(login.exitCode()).as("%s", login).isZero();

    assertThat(roleOf(credentials(TOKEN_ROLES).getString("AccessKeyId")))
        .as("cognito:preferred_role, the group of lowest precedence")
        .isEqualTo(DemoPool.LICENSED_ROLE_ARN);
    assertThat(roleOf(credentials(BETA_ROLE).getString("AccessKeyId"))).isEqualTo(BETA_ROLE_ARN);
  }

  @Test
  void userPasswordAuthWhenTheProfileAsksForIt() {
    fixture.signInNewUser(PASSWORD_FLOW);

    assertThat(fixture.cognito().calls().count("InitiateAuth")).isEqualTo(1);
    assertThat(fixture.cognito().calls().count("RespondToAuthChallenge"))
        .as("only the new password, no SRP round")
        .isEqualTo(1);
    credentials(PASSWORD_FLOW);
  }

  @Test
  void theLoginRouteTakesTheFlowFromItsPath() {
    LicensedUser user = LicensedUser.create(fixture.admin(), DemoPool.USER_POOL_ID);

    installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user.username(), "password", user.temporaryPassword()))
        .post("/v1/profiles/{p}/login/USER_PASSWORD_AUTH", TOKEN_ROLES)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("status", equalTo("CHALLENGE"))
        .body("challenge", equalTo("NEW_PASSWORD_REQUIRED"));

    assertThat(fixture.cognito().calls().count("RespondToAuthChallenge"))
        .as("SRP would have answered a verifier")
        .isZero();
  }

  @Test
  void withSeveralProfilesAndNoDefaultTheDefaultRouteSaysWhichExist() {
    installation
        .daemon()
        .request()
        .get("/v1/credentials")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("code", equalTo("ProfileNotFound"))
        .body("message", allOf(containsString(CONFIDENTIAL), containsString(PASSWORD_FLOW)));
  }

  private static JsonPath credentials(String profile) {
    return installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", profile)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  private static String roleOf(String accessKeyId) {
    return fixture.cognito().issuedCredentials().stream()
        .filter(issued -> issued.accessKeyId().equals(accessKeyId))
        .map(IssuedCredentials::roleArn)
        .findFirst()
        .orElseThrow(() -> new AssertionError("local-cognito issued no " + accessKeyId));
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.PythonScript;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * botocore (boto3, the AWS CLI) resolves the credentials local-cognito issued, through both ways
 * the product offers.
 */
class BotocoreCredentialsTest {

  private static final String PROFILE = "acme";

  private static LocalCognitoInstallation fixture;
  private static Installation installation;

  @BeforeAll
  static void start() {
    // The profile exactly as design.md shows it: the cognito_* keys and the credential_process line
    // together.
    fixture =
        LocalCognitoInstallation.start(
            "botocore",
            LocalCognito.builder().port(0).demo().start(),
            endpoint -> DemoPool.profile(PROFILE, endpoint).withCredentialProcess().toIni());
    installation = fixture.installation();
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aProfileWithCredentialProcess() {
    CommandResult botocore =
        PythonScript.run("botocore_credentials.py", installation.home().environment(), PROFILE);

    assertThat(botocore.exitCode()).as("%s", botocore).isZero();
    JsonPath resolved = JsonPath.from(botocore.stdout());
    assertThat(resolved.getString("method")).isEqualTo("custom-process");
    assertSameAsServed(resolved);
  }

  @Test
  void theContainerVariablesOfCognitoCredsEnv() {
    Map<String, String> environment = installation.environmentAfterEnvCommand(PROFILE);
    // No profile selected and the default profile absent: botocore falls through to the container
    // provider.
    CommandResult botocore = PythonScript.run("botocore_credentials.py", environment);

    assertThat(botocore.exitCode()).as("%s", botocore).isZero();
    JsonPath resolved = JsonPath.from(botocore.stdout());
    assertThat(resolved.getString("method")).isEqualTo("container-role");
    assertSameAsServed(resolved);
  }

  private static void assertSameAsServed(JsonPath resolved) {
    JsonPath served =
        installation
            .daemon()
            .request()
            .get("/v1/profiles/{p}/credentials", PROFILE)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(resolved.getString("access_key"))
        .startsWith("ASIA")
        .isEqualTo(served.getString("AccessKeyId"));
    assertThat(resolved.getString("secret_key")).isEqualTo(served.getString("SecretAccessKey"));
    assertThat(resolved.getString("token")).isEqualTo(served.getString("Token"));
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.Command;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.ContainerCredentialsProbe;
import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * The AWS SDK for Java v2 obtains the credentials local-cognito issued, through both ways the
 * product offers.
 */
class JavaSdkCredentialsTest {

  private static final String PROFILE = "acme";

  private static LocalCognitoInstallation fixture;
  private static Installation installation;

  @BeforeAll
  static void start() {
    fixture = LocalCognitoInstallation.demo("java-sdk", PROFILE);
    installation = fixture.installation();
    fixture.signInDemoUser(PROFILE);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void containerCredentialsProviderThroughTheEnvironmentVariablesOfCognitoCredsEnv() {
    Map<String, String> environment = installation.environmentAfterEnvCommand(PROFILE);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    CommandResult probe =
        Command.run(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ContainerCredentialsProbe.class.getName()),
            environment,
            null);

    assertThat(probe.exitCode()).as("%s", probe).isZero();
    JsonPath served = servedCredentials();
    assertThat(probe.stdout().strip())
        .isEqualTo(
            served.getString("AccessKeyId")
                + " "
                + served.getString("SecretAccessKey")
                + " "
                + served.getString("Token"));
  }

  @Test
  void containerCredentialsProviderThroughTheEquivalentSystemProperties() {
    // The SDK reads aws.containerCredentialsFullUri / aws.containerAuthorizationTokenFile before
    // the env variables.
    System.setProperty(
        "aws.containerCredentialsFullUri",
        installation.daemon().baseUri() + "/v1/profiles/" + PROFILE + "/credentials");
    System.setProperty(
        "aws.containerAuthorizationTokenFile", installation.home().tokenFile().toString());
    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.create()) {
      assertSameAsServed(provider.resolveCredentials());
    } finally {
      System.clearProperty("aws.containerCredentialsFullUri");
      System.clearProperty("aws.containerAuthorizationTokenFile");
    }
  }

  @Test
  void processCredentialsProviderThroughCredentialProcess() {
    // The SDK starts the command with this JVM's environment; env(1) points it at the test's home.
    Map<String, String> home = installation.home().environment();
    List<String> command =
        List.of(
            "env",
            "HOME=" + home.get("HOME"),
            "XDG_STATE_HOME=" + home.get("XDG_STATE_HOME"),
            "XDG_RUNTIME_DIR=" + home.get("XDG_RUNTIME_DIR"),
            "AWS_CONFIG_FILE=" + home.get("AWS_CONFIG_FILE"),
            Distribution.client().toString(),
            "credential-process",
            "--profile",
            PROFILE);
    try (ProcessCredentialsProvider provider =
        ProcessCredentialsProvider.builder().command(command).build()) {
      assertSameAsServed(provider.resolveCredentials());
    }
  }

  private static void assertSameAsServed(AwsCredentials credentials) {
    JsonPath served = servedCredentials();
    assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
    assertThat(credentials.accessKeyId())
        .startsWith("ASIA")
        .isEqualTo(served.getString("AccessKeyId"));
    assertThat(credentials.secretAccessKey()).isEqualTo(served.getString("SecretAccessKey"));
    assertThat(((AwsSessionCredentials) credentials).sessionToken())
        .isEqualTo(served.getString("Token"));
    assertThat(credentials.expirationTime())
        .hasValueSatisfying(
            expiration ->
                assertThat(expiration).isEqualTo(Instant.parse(served.getString("Expiration"))));
  }

  private static JsonPath servedCredentials() {
    return installation.daemon().servedCredentials(PROFILE);
  }
}

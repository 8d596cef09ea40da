package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.CredentialHelper;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.LocalCognito;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-credential-cognito-creds as docker, podman, skopeo and buildah call it, against a real
 * daemon and local-cognito's ECR: every URL form, the verbs that must change nothing, and each
 * failure, on stderr and as the protocol's message on stdout. Both helpers, the installed (native)
 * one and the bash one, answer every case alike.
 */
@ParameterizedClass
@EnumSource(CredentialHelper.Kind.class)
class CredentialHelperProtocolTest {

  private static final String ECR = "111122223333.dkr.ecr.us-east-2.amazonaws.com";
  private static final String IDLE_ECR = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";
  private static final String REFUSED_ECR = "777788889999.dkr.ecr.us-west-2.amazonaws.com";
  private static final String UNNAMED_ECR = "555566667777.dkr.ecr.ap-south-1.amazonaws.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static LocalCognito otherEcr;
  private static Map<String, String> client;

  @Parameter CredentialHelper.Kind kind;

  @BeforeAll
  static void start() {
    // An ECR that never issued the daemon's credentials refuses them, as AWS refuses a role that
    // may not pull.
    otherEcr = LocalCognito.builder().port(0).demo().start();
    fixture =
        LocalCognitoInstallation.start(
            "credential-helper",
            LocalCognito.builder().port(0).demo().start(),
            endpoint ->
                CognitoProfile.toIni(
                    DemoPool.profile("licensed", endpoint)
                        .with("cognito_ecr_endpoint_url", endpoint.toString())
                        .with("cognito_registries", ECR + ", public.ecr.aws"),
                    DemoPool.profile("idle", endpoint)
                        .with("cognito_ecr_endpoint_url", endpoint.toString())
                        .with("cognito_registries", IDLE_ECR),
                    DemoPool.profile("refused", endpoint)
                        .with("cognito_ecr_endpoint_url", otherEcr.endpoint().toString())
                        .with("cognito_registries", REFUSED_ECR)));
    cognito = fixture.cognito();
    fixture.signInDemoUser("licensed");
    fixture.signInNewUser("refused");
    client = CredentialHelper.clientEnvironment(fixture.installation().home());
  }

  @AfterAll
  static void stop() {
    try {
      fixture.close();
    } finally {
      otherEcr.close();
    }
  }

  private CommandResult helper(String verb, String stdin) {
    return CredentialHelper.run(kind, client, verb, stdin);
  }

  private JsonNode get(String serverUrl) throws Exception {
    CommandResult get = helper("get", serverUrl);
    assertThat(get.exitCode()).as(get.stdout() + get.stderr()).isZero();
    return JSON.readTree(get.stdout());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ECR,
        ECR + "\n",
        "https://" + ECR,
        "https://" + ECR + "/v2/",
        ECR + "/acme/app",
        "HTTPS://111122223333.DKR.ECR.US-EAST-2.AMAZONAWS.COM/v1/"
      })
  void everyFormOfTheServerUrlGetsTheRegistrysPassword(String serverUrl) throws Exception {
    JsonNode answer = get(serverUrl);

    assertThat(answer.path("Username").asText()).isEqualTo("AWS");
    assertThat(answer.path("ServerURL").asText()).isEqualTo(ECR);
    assertThat(answer.path("Secret").asText())
        .isEqualTo(
            cognito.ecrPasswords().stream()
                .filter(p -> p.proxyEndpoint().equals("https://" + ECR))
                .findFirst()
                .orElseThrow()
                .password());
  }

  @Test
  void manyGetsCostOneEcrCall() throws Exception {
    get(ECR);
    long before = cognito.calls().count("GetAuthorizationToken");

    for (int i = 0; i < 5; i++) {
      get("https://" + ECR + "/v2/");
    }

    assertThat(cognito.calls().count("GetAuthorizationToken")).isEqualTo(before);
  }

  @Test
  void ecrPublicGetsItsPasswordFromEcrPublic() throws Exception {
    JsonNode answer = get("https://public.ecr.aws/v2/");

    assertThat(answer.path("ServerURL").asText()).isEqualTo("public.ecr.aws");
    assertThat(answer.path("Secret").asText())
        .isEqualTo(
            cognito.ecrPasswords().stream()
                .filter(p -> p.proxyEndpoint().equals("https://public.ecr.aws"))
                .findFirst()
                .orElseThrow()
                .password());
  }

  @Test
  void aRegistryThatIsNotEcrIsNotFoundInDockersOwnWords() {
    CommandResult get = helper("get", "https://index.docker.io/v1/");

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).isEqualTo("credentials not found in native keychain\n");
    assertThat(get.stderr()).contains("'index.docker.io' is not an ECR registry");
  }

  @Test
  void anEcrRegistryNoProfileNamesSaysWhichCommandFixesIt() {
    CommandResult get = helper("get", UNNAMED_ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    String fix = "cognito-creds configure docker --registry " + UNNAMED_ECR + " --profile PROFILE";
    assertThat(get.stdout()).contains(fix).doesNotContain("cognito-creds: ");
    assertThat(get.stderr()).contains("cognito-creds: ", fix);
  }

  @Test
  void awsProfileServesARegistryNoProfileNames() throws Exception {
    Map<String, String> withProfile = new HashMap<>(client);
    withProfile.put("AWS_PROFILE", "licensed");

    CommandResult get = CredentialHelper.run(kind, withProfile, "get", UNNAMED_ECR);

    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(JSON.readTree(get.stdout()).path("Username").asText()).isEqualTo("AWS");
  }

  @Test
  void aRegistryConfiguredAMomentAgoIsServedAtOnce() throws Exception {
    // one registry per helper kind: the second run must find its own new one too
    String added = "12121212121" + kind.ordinal() + ".dkr.ecr.us-east-2.amazonaws.com";
    Path config = fixture.installation().home().configFile();
    String before = Files.readString(config);
    get(ECR); // the daemon has just looked at the config file
    try {
      CommandResult configure =
          fixture
              .installation()
              .cli()
              .run("configure", "docker", "--registry", added, "--profile", "licensed");
      assertThat(configure.exitCode()).as(configure.stderr()).isZero();

      assertThat(get(added).path("ServerURL").asText()).isEqualTo(added);
    } finally {
      Files.writeString(config, before); // the other cases expect the registries they set up
    }
  }

  @Test
  void aSignedOutProfileSaysToLogIn() {
    CommandResult get = helper("get", IDLE_ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    String message = "profile idle is signed out: run `cognito-creds login --profile idle`";
    assertThat(get.stdout()).contains(message);
    assertThat(get.stderr()).contains(message);
  }

  @Test
  void anEcrRefusalNamesTheRegistry() {
    CommandResult get = helper("get", REFUSED_ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    String message = "ECR refused a password for registry " + REFUSED_ECR + " to profile refused";
    assertThat(get.stdout()).contains(message, "may not pull");
    assertThat(get.stderr()).contains(message);
  }

  @Test
  void aStoppedDaemonSaysHowToStartIt() {
    Map<String, String> elsewhere = new HashMap<>(client);
    elsewhere.put(
        "XDG_RUNTIME_DIR", fixture.installation().home().root().resolve("nothing").toString());

    CommandResult get = CredentialHelper.run(kind, elsewhere, "get", ECR);

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).contains("cognito-credsd is not running", "Start it with `");
    assertThat(get.stderr()).contains("cognito-credsd is not running", "Start it with `");
  }

  @Test
  void emptyInputIsAnError() {
    CommandResult get = helper("get", "");

    assertThat(get.exitCode()).isEqualTo(1);
    assertThat(get.stdout()).contains("no registry on standard input");
  }

  @Test
  void storeAndEraseSucceedAndNeverChangeWhatGetAnswers() throws Exception {
    String before = get(ECR).path("Secret").asText();

    CommandResult store =
        helper(
            "store",
            "{\"ServerURL\":\"" + ECR + "\",\"Username\":\"AWS\",\"Secret\":\"typed-by-hand\"}");
    CommandResult otherLogin =
        helper(
            "store",
            "{\"ServerURL\":\"registry.example.com\",\"Username\":\"me\",\"Secret\":\"x\"}");
    CommandResult erase = helper("erase", ECR + "\n");

    assertThat(store.exitCode()).isZero();
    assertThat(otherLogin.exitCode()).isZero();
    assertThat(erase.exitCode()).isZero();
    assertThat(store.stdout() + erase.stdout()).isEmpty();
    assertThat(get(ECR).path("Secret").asText()).isEqualTo(before);
  }

  @Test
  void listNamesTheRegistriesOfTheProfiles() throws Exception {
    CommandResult list = helper("list", "");

    assertThat(list.exitCode()).isZero();
    assertThat(JSON.readTree(list.stdout()).properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder(ECR, "public.ecr.aws", IDLE_ECR, REFUSED_ECR);
    assertThat(JSON.readTree(list.stdout()).path(ECR).asText()).isEqualTo("AWS");
  }

  @Test
  void versionNamesTheHelperAndItsVersion() {
    CommandResult version = helper("version", "");

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).matches("docker-credential-cognito-creds \\d+\\.\\d+\\.\\d+.*\n");
  }
}

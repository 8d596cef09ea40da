package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.e2e.harness.Command;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.CredentialHelper;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.OciImage;
import dev.cognitocreds.e2e.harness.PrivateDockerd;
import dev.cognitocreds.e2e.harness.ScratchFolders;
import dev.cognitocreds.e2e.harness.TempHome;
import dev.cognitocreds.e2e.harness.TestRegistry;
import dev.cognitocreds.localcognito.LocalCognito;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * skopeo, podman and docker pull from a real registry (Debian's docker-registry with TLS and the
 * password local-cognito's ECR issued) through docker-credential-cognito-creds, configured by
 * {@code cognito-creds configure docker|podman}: no AWS_PROFILE, no ecr-login, one ECR call for
 * every pull.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCredentialHelperTest {

  private static final String PROFILE = "licensed";
  private static final String REPOSITORY = "acme/app";
  private static final String TAG = "1.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalCognitoInstallation fixture;
  private static LocalCognito cognito;
  private static TempHome home;
  private static TestRegistry registry;
  private static String pushed;
  private static Map<String, String> client;
  private static Path podmanRunRoot;

  @BeforeAll
  static void start() throws Exception {
    fixture =
        LocalCognitoInstallation.start(
            "docker-helper",
            LocalCognito.builder().port(0).demo().start(),
            endpoint ->
                DemoPool.profile(PROFILE, endpoint)
                    .with("cognito_ecr_endpoint_url", endpoint.toString())
                    .toIni());
    cognito = fixture.cognito();
    home = fixture.installation().home();
    fixture.signInDemoUser(PROFILE);
    client = CredentialHelper.clientEnvironment(home);

    String host = "127.0.0.1:" + FreePort.onLoopback();
    configure("docker", host);
    configure("podman", host);

    // The registry accepts the password the daemon got from ECR: ask for it the way a client does.
    CommandResult get = CredentialHelper.run(client, "get", "https://" + host + "/v2/\n");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    String password = JSON.readTree(get.stdout()).path("Secret").asText();
    assertThat(password)
        .isEqualTo(cognito.ecrPasswords().get(cognito.ecrPasswords().size() - 1).password());

    registry = TestRegistry.start(home.root().resolve("registry"), port(host), password);
    Path layout = home.root().resolve("image");
    pushed = OciImage.write(layout, TAG, "pulled through cognito-creds\n");
    registry.push(layout, TAG, REPOSITORY, password);
  }

  private static int port(String host) {
    return Integer.parseInt(host.substring(host.indexOf(':') + 1));
  }

  private static void configure(String tool, String host) {
    CommandResult run =
        fixture
            .installation()
            .cli()
            .runWithEnvironment(
                Map.of("REGISTRY_AUTH_FILE", client.get("REGISTRY_AUTH_FILE")),
                null,
                "configure",
                tool,
                "--registry",
                host,
                "--profile",
                PROFILE);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @AfterAll
  static void stop() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      ScratchFolders.delete(podmanRunRoot);
      fixture.close();
    }
  }

  private static String image() {
    return registry.host() + "/" + REPOSITORY + ":" + TAG;
  }

  @Test
  @Order(1)
  void theConfigurationNamesOurHelperAndTheProfileNamesTheRegistry() throws Exception {
    assertThat(Files.readString(home.root().resolve(".docker/config.json")))
        .contains("\"" + registry.host() + "\": \"cognito-creds\"");
    assertThat(Files.readString(Path.of(client.get("REGISTRY_AUTH_FILE"))))
        .contains("\"" + registry.host() + "\": \"cognito-creds\"");
    assertThat(Files.readString(home.configFile()))
        .contains("cognito_registries = " + registry.host());
    assertThat(client).doesNotContainKey("AWS_PROFILE");
  }

  @Test
  @Order(2)
  void skopeoInspectsAndCopiesThroughTheHelper() throws Exception {
    CommandResult inspect =
        Command.run(
            List.of(
                "skopeo",
                "inspect",
                "--cert-dir",
                registry.certDir().toString(),
                "docker://" + image()),
            client,
            "");
    assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
    assertThat(JSON.readTree(inspect.stdout()).path("Digest").asText()).isEqualTo(pushed);

    Path copied = home.root().resolve("copied");
    CommandResult copy =
        Command.run(
            List.of(
                "skopeo",
                "copy",
                "--src-cert-dir",
                registry.certDir().toString(),
                "docker://" + image(),
                "oci:" + copied + ":" + TAG),
            client,
            "");
    assertThat(copy.exitCode()).as(copy.stderr()).isZero();
    assertThat(OciImage.manifestDigest(copied)).isEqualTo(pushed);
  }

  @Test
  @Order(3)
  void podmanPullsThroughTheHelper() {
    assumeTrue(isRoot(), "podman pull with a scratch storage root needs root");
    Path storage = home.root().resolve("podman");
    podmanRunRoot = ScratchFolders.create("ccp");
    List<String> podman =
        List.of(
            "podman",
            "--root",
            storage.resolve("root").toString(),
            "--runroot",
            podmanRunRoot.toString(),
            "--storage-driver",
            "vfs",
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file");
    CommandResult pull =
        Command.run(
            concat(podman, "pull", "--cert-dir", registry.certDir().toString(), image()),
            client,
            "");
    assertThat(pull.exitCode()).as(pull.stderr()).isZero();

    CommandResult digest =
        Command.run(
            concat(podman, "image", "inspect", "--format", "{{.Digest}}", image()), client, "");
    assertThat(digest.stdout().strip()).isEqualTo(pushed);
  }

  @Test
  @Order(4)
  void dockerPullsThroughTheHelper() {
    assumeTrue(isRoot(), "a private dockerd needs root");
    try (PrivateDockerd dockerd = PrivateDockerd.start(home.root().resolve("dockerd"))) {
      // docker trusts 127.0.0.0/8 registries without a certificate; DOCKER_CONFIG is ~/.docker
      CommandResult pull = dockerd.docker(client, "pull", image());
      assertThat(pull.exitCode()).as(pull.stderr() + dockerd.log()).isZero();
      assertThat(pull.stdout()).contains("Digest: " + pushed);

      CommandResult digests =
          dockerd.docker(client, "image", "inspect", "--format", "{{json .RepoDigests}}", image());
      assertThat(digests.stdout()).contains(registry.host() + "/" + REPOSITORY + "@" + pushed);
    }
  }

  @Test
  @Order(5)
  void everyPullUsedThePasswordOfOneEcrCall() {
    assertThat(cognito.calls().count("GetAuthorizationToken")).isEqualTo(1);
    assertThat(cognito.ecrPasswords()).hasSize(1);
    assertThat(registry.log()).doesNotContain(cognito.ecrPasswords().get(0).password());
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}

package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.contract.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigureCommandTest {

  static final String ONBOARDING =
      """
            {"profile": "acme", "region": "us-east-2", "userPoolId": "us-east-2_UXqM66clL",
             "clientId": "re12i62fp5ln48p3vtssjrveo",
             "identityPoolId": "us-east-2:070eee28-81b9-4878-b500-b9be89facf50",
             "registry": "111122223333.dkr.ecr.us-east-2.amazonaws.com",
             "clientSecret": "s3cr3tValue", "publisherNote": "ignored by older clients"}
            """;

  @TempDir Path home;
  Path install;
  Path onboarding;

  @BeforeEach
  void files() throws Exception {
    install = home.resolve("opt dir").resolve("cognito-creds");
    onboarding = home.resolve("onboarding.json");
    Files.writeString(onboarding, ONBOARDING);
  }

  ClientRun.Result configure(Map<String, String> vars, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(vars);
    env.put("HOME", home.toString());
    env.put("COGNITO_CREDS_HOME", install.toString());
    return ClientRun.withStdin(
        env, stdin, Stream.concat(Stream.of("configure"), Stream.of(args)).toArray(String[]::new));
  }

  @Test
  void profileFromOnboardingFileWritesKeysAndCredentialProcessOfThisInstall() throws Exception {
    Path config = home.resolve("elsewhere").resolve("aws-config");

    ClientRun.Result run =
        configure(
            Map.of("AWS_CONFIG_FILE", config.toString()),
            "",
            "profile",
            "--from",
            onboarding.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(config))
        .isEqualTo(
            "[profile acme]\n"
                + "region = us-east-2\n"
                + "cognito_user_pool_id = us-east-2_UXqM66clL\n"
                + "cognito_client_id = re12i62fp5ln48p3vtssjrveo\n"
                + "cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50\n"
                + "cognito_client_secret = s3cr3tValue\n"
                + "credential_process = \""
                + install
                + "/bin/cognito-creds\" credential-process --profile acme\n");
    assertThat(run.out())
        .contains("cognito-creds login --profile acme")
        .contains("configure docker --registry 111122223333.dkr.ecr.us-east-2.amazonaws.com")
        .doesNotContain("s3cr3tValue");
  }

  @Test
  void flagsOverrideTheOnboardingFileAndTheSecretComesFromStdin() throws Exception {
    ClientRun.Result run =
        configure(
            Map.of(),
            "fromStdin42\n",
            "profile",
            "--from",
            onboarding.toString(),
            "--profile",
            "lab",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--endpoint-url",
            "http://127.0.0.1:9229",
            "--client-secret-stdin");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String config = Files.readString(home.resolve(".aws").resolve("config"));
    assertThat(config)
        .startsWith("[profile lab]\n")
        .contains(
            "cognito_client_secret = fromStdin42\n",
            "cognito_auth_flow = USER_PASSWORD_AUTH\n",
            "cognito_endpoint_url = http://127.0.0.1:9229\n",
            "credential-process --profile lab\n");
    assertThat(run.out()).doesNotContain("fromStdin42");
  }

  @Test
  void invalidValuesAreAUsageErrorAndNothingIsWritten() {
    ClientRun.Result run =
        configure(
            Map.of(), "", "profile", "--from", onboarding.toString(), "--user-pool-id", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--user-pool-id", "'nope'");
    assertThat(home.resolve(".aws")).doesNotExist();
  }

  @Test
  void withoutAKnownInstallItRefusesToWriteACredentialProcessLineThatWouldNotWork() {
    ClientRun.Result run =
        ClientRun.withStdin(
            Map.of("HOME", home.toString()),
            "",
            "configure",
            "profile",
            "--from",
            onboarding.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("COGNITO_CREDS_HOME");
    assertThat(home.resolve(".aws")).doesNotExist();
  }

  @Test
  void dockerHonoursDockerConfigAndTakesTheRegistryFromTheOnboardingFile() throws Exception {
    Path dockerDir = home.resolve("dockercfg");

    ClientRun.Result run =
        configure(
            Map.of("DOCKER_CONFIG", dockerDir.toString()),
            "",
            "docker",
            "--helper",
            "ecr-login",
            "--from",
            onboarding.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            CredHelpersFile.hasHelper(
                dockerDir.resolve("config.json"),
                EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com"),
                RegistryHelper.ECR_LOGIN))
        .isTrue();
    assertThat(run.out()).contains("docker-credential-ecr-login");
  }

  @Test
  void dockerDryRunWritesNothing() {
    ClientRun.Result run =
        configure(
            Map.of(),
            "",
            "docker",
            "--helper",
            "ecr-login",
            "--registry",
            "111122223333.dkr.ecr.us-east-2.amazonaws.com",
            "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "dry run", "+ credHelpers.111122223333.dkr.ecr.us-east-2.amazonaws.com = ecr-login");
    assertThat(home.resolve(".docker")).doesNotExist();
  }

  @Test
  void podmanWritesTheRuntimeAndThePersistentAuthFile() {
    Path runtime = home.resolve("run");
    EcrRegistry registry = EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com");

    ClientRun.Result run =
        configure(
            Map.of("XDG_RUNTIME_DIR", runtime.toString()),
            "",
            "podman",
            "--helper",
            "ecr-login",
            "--registry",
            registry.host());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            CredHelpersFile.hasHelper(
                runtime.resolve("containers/auth.json"), registry, RegistryHelper.ECR_LOGIN))
        .isTrue();
    assertThat(
            CredHelpersFile.hasHelper(
                home.resolve(".config/containers/auth.json"), registry, RegistryHelper.ECR_LOGIN))
        .isTrue();
  }

  @Test
  void podmanHonoursRegistryAuthFile() {
    Path authFile = home.resolve("custom/auth.json");
    EcrRegistry registry = EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com");

    ClientRun.Result run =
        configure(
            Map.of(
                "REGISTRY_AUTH_FILE",
                authFile.toString(),
                "XDG_RUNTIME_DIR",
                home.resolve("run").toString()),
            "",
            "podman",
            "--helper",
            "ecr-login",
            "--registry",
            registry.host());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(CredHelpersFile.hasHelper(authFile, registry, RegistryHelper.ECR_LOGIN)).isTrue();
    assertThat(home.resolve("run")).doesNotExist();
    assertThat(home.resolve(".config/containers")).doesNotExist();
  }

  @Test
  void podmanWritesNeitherFileWhenOneCannotBeParsed() throws Exception {
    Path runtime = home.resolve("run");
    Path persistent = home.resolve(".config/containers/auth.json");
    Files.createDirectories(persistent.getParent());
    Files.writeString(persistent, "{\"auths\": {");

    ClientRun.Result run =
        configure(
            Map.of("XDG_RUNTIME_DIR", runtime.toString()),
            "",
            "podman",
            "--helper",
            "ecr-login",
            "--registry",
            "111122223333.dkr.ecr.us-east-2.amazonaws.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains(persistent.toString(), "line 1");
    assertThat(runtime.resolve("containers/auth.json")).doesNotExist();
    assertThat(Files.readString(persistent)).isEqualTo("{\"auths\": {");
  }

  @Test
  void aBadRegistryIsAUsageError() {
    ClientRun.Result run = configure(Map.of(), "", "docker", "--registry", "docker.io");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not an ECR registry");
  }

  @Test
  void allWritesTheProfileDockerAndPodmanWhenPodmanIsInstalled() throws Exception {
    Path bin = home.resolve("bin");
    Files.createDirectories(bin);
    Files.writeString(bin.resolve("podman"), "#!/bin/sh\n");
    bin.resolve("podman").toFile().setExecutable(true);
    EcrRegistry registry = EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com");

    ClientRun.Result run =
        configure(Map.of("PATH", bin.toString()), "", "all", "--from", onboarding.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config")))
        .contains(
            "[profile acme]\n",
            "credential-process --profile acme\n",
            "cognito_registries = 111122223333.dkr.ecr.us-east-2.amazonaws.com\n");
    assertThat(
            CredHelpersFile.hasHelper(
                home.resolve(".docker/config.json"), registry, RegistryHelper.COGNITO_CREDS))
        .isTrue();
    assertThat(
            CredHelpersFile.hasHelper(
                home.resolve(".config/containers/auth.json"),
                registry,
                RegistryHelper.COGNITO_CREDS))
        .isTrue();
    assertThat(run.out())
        .contains("cognito-creds login --profile acme", "docker pull ")
        .doesNotContain("AWS_PROFILE=");
  }

  @Test
  void allWithAmazonsHelperKeepsAwsProfile() throws Exception {
    ClientRun.Result run =
        configure(
            Map.of("PATH", home.toString()),
            "",
            "all",
            "--helper",
            "ecr-login",
            "--from",
            onboarding.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config"))).doesNotContain("cognito_registries");
    assertThat(
            CredHelpersFile.hasHelper(
                home.resolve(".docker/config.json"),
                EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com"),
                RegistryHelper.ECR_LOGIN))
        .isTrue();
    assertThat(run.out()).contains("export AWS_PROFILE=acme");
  }

  @Test
  void dockerWritesOurHelperAndAddsTheRegistryToTheProfile() throws Exception {
    assertThat(configure(Map.of(), "", "profile", "--from", onboarding.toString()).exitCode())
        .isZero();

    ClientRun.Result first =
        configure(
            Map.of(), "", "docker", "--registry", "111122223333.dkr.ecr.us-east-2.amazonaws.com");
    ClientRun.Result second =
        configure(Map.of(), "", "docker", "--registry", "https://public.ecr.aws/v2/");
    ClientRun.Result again =
        configure(
            Map.of(), "", "docker", "--registry", "111122223333.dkr.ecr.us-east-2.amazonaws.com");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config")))
        .contains(
            "cognito_registries = 111122223333.dkr.ecr.us-east-2.amazonaws.com public.ecr.aws\n");
    assertThat(Files.readString(home.resolve(".docker/config.json")))
        .contains(
            "\"111122223333.dkr.ecr.us-east-2.amazonaws.com\": \"cognito-creds\"",
            "\"public.ecr.aws\": \"cognito-creds\"");
    assertThat(first.out())
        .contains(
            "docker-credential-cognito-creds answers for 111122223333.dkr.ecr.us-east-2.amazonaws.com"
                + " with profile acme",
            "is not on PATH",
            "Next: cognito-creds login --profile acme");
  }

  @Test
  void dockerWithOurHelperNeedsAProfileToServeTheRegistry() {
    ClientRun.Result run =
        configure(
            Map.of(), "", "docker", "--registry", "111122223333.dkr.ecr.us-east-2.amazonaws.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("configure profile");
    assertThat(home.resolve(".docker")).doesNotExist();
  }

  @Test
  void dockerTakesAwsProfileWhenItIsACognitoProfile() throws Exception {
    assertThat(configure(Map.of(), "", "profile", "--from", onboarding.toString()).exitCode())
        .isZero();
    assertThat(
            configure(
                    Map.of(), "", "profile", "--from", onboarding.toString(), "--profile", "other")
                .exitCode())
        .isZero();

    ClientRun.Result run =
        configure(Map.of("AWS_PROFILE", "other"), "", "podman", "--registry", "127.0.0.1:5000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config")))
        .contains("[profile other]\n")
        .containsOnlyOnce("cognito_registries = 127.0.0.1:5000\n");
    assertThat(
            CredHelpersFile.hasHelper(
                home.resolve(".config/containers/auth.json"),
                EcrRegistry.parse("127.0.0.1:5000"),
                RegistryHelper.COGNITO_CREDS))
        .isTrue();
  }

  @Test
  void allWritesNothingWhenOneFileCannotBeParsed() throws Exception {
    Path docker = home.resolve(".docker/config.json");
    Files.createDirectories(docker.getParent());
    Files.writeString(docker, "{oops");

    ClientRun.Result run = configure(Map.of(), "", "all", "--from", onboarding.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains(docker.toString());
    assertThat(home.resolve(".aws")).doesNotExist();
    assertThat(home.resolve(".config/containers")).doesNotExist();
  }
}

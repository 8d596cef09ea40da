package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor against a temporary home, a fake daemon and fake programs on PATH. */
class DoctorCommandTest {

  static final String REGISTRY = "111122223333.dkr.ecr.us-east-2.amazonaws.com";
  static final String SIGNED_IN =
      """
            {"version":"0.1.0","port":41729,"configFile":"%s","profiles":[{"profile":"acme","state":"SIGNED_IN",
             "username":"alice","problems":[]}]}""";

  @TempDir Path home;
  Path install;
  Path bin;
  Map<String, String> env = new HashMap<>();
  StubDaemon daemon;

  @BeforeEach
  void aWorkingSetup() throws Exception {
    install = home.resolve("install");
    executable(install.resolve("bin/cognito-creds"));
    bin = home.resolve("path-bin");
    executable(bin.resolve(Doctor.ECR_HELPER));
    executable(bin.resolve("aws"));
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("PATH", bin.toString());
    env.put("AWS_PROFILE", "acme");
    env.put("COGNITO_CREDS_HOME", install.toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
    Files.writeString(home.resolve("onboarding.json"), ConfigureCommandTest.ONBOARDING);
    assertThat(
            ClientRun.withStdin(
                    env,
                    "",
                    "configure",
                    "profile",
                    "--from",
                    home.resolve("onboarding.json").toString())
                .exitCode())
        .isZero();
    assertThat(
            ClientRun.withStdin(
                    env, "", "configure", "docker", "--helper", "ecr-login", "--registry", REGISTRY)
                .exitCode())
        .isZero();
    executable(home.resolve(".config/systemd/user/cognito-credsd.service"));
    systemctl(
        "printf 'LoadState=loaded\\nActiveState=active\\nSubState=running\\nUnitFileState=enabled\\n'");
    daemon =
        new StubDaemon(home)
            .reply("GET", "/v1/status", 200, SIGNED_IN.formatted(home.resolve(".aws/config")))
            .reply(
                "GET",
                "/v1/profiles/acme/credentials",
                200,
                "{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"s\","
                    + "\"Token\":\"t\",\"Expiration\":\""
                    + ClientRun.NOW.plusSeconds(50 * 60)
                    + "\"}");
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void aWorkingSetupPassesEveryCheck() {
    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .doesNotContain("✘")
        .contains("✔ daemon: cognito-credsd 0.1.0 answers at http://127.0.0.1:")
        .contains(
            "✔ signed in (acme): as alice",
            "✔ credentials (acme): obtained, valid for 50 min",
            "✔ credential_process (acme): runs " + install.resolve("bin/cognito-creds"),
            "✔ credHelpers: " + REGISTRY,
            "✔ token file",
            "✔ " + Doctor.ECR_HELPER,
            "Ready to pull.")
        .doesNotContain("ASIAEXAMPLE");
  }

  @Test
  void withoutAUtf8LocaleTheMarksAreAscii() {
    env.remove("LANG");
    env.put("LC_ALL", "C");
    daemon.close();

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.out())
        .doesNotContain("✔", "✘")
        .contains("ok profile acme:", "FAIL daemon:", "marked FAIL above");
  }

  @Test
  void aStoppedDaemonFailsWithTheFixAndJsonSaysWhich() throws Exception {
    daemon.close();

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor", "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("ok").asBoolean(true)).isFalse();
    JsonNode daemonCheck = find(report, "daemon");
    assertThat(daemonCheck.path("status").asText()).isEqualTo("fail");
    assertThat(daemonCheck.path("critical").asBoolean()).isTrue();
    assertThat(daemonCheck.path("fix").asText()).contains("cognito-creds service install");
    assertThat(find(report, "profile acme").path("status").asText()).isEqualTo("ok");
  }

  @Test
  void aMissingUserServiceIsWorthAWarningButNotAFailure() throws Exception {
    Assumptions.assumeFalse(
        Files.exists(Path.of("/usr/lib/systemd/user/cognito-credsd.service")),
        "this machine has the packaged unit installed");
    Path unit = home.resolve(".config/systemd/user/cognito-credsd.service");
    ClientRun.Result with = ClientRun.withStdin(env, "", "doctor");
    Files.delete(unit);

    ClientRun.Result without = ClientRun.withStdin(env, "", "doctor");

    assertThat(without.exitCode()).isZero();
    assertThat(without.out())
        .contains("✘ user service: not installed", "fix: cognito-creds service install");
    assertThat(with.out()).contains("✔ user service: running and enabled at login (" + unit + ")");
  }

  @Test
  void aUnitWithoutAUserServiceManagerIsNotMarkedFine() throws Exception {
    systemctl("echo 'Failed to connect to bus: No medium found' >&2; exit 1");

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).as("the daemon answers: a pull works").isZero();
    assertThat(run.out())
        .doesNotContain("✔ user service")
        .contains(
            "✘ user service: "
                + home.resolve(".config/systemd/user/cognito-credsd.service")
                + " is there, but no user service manager answers (systemctl --user: Failed to connect to bus: No medium found)",
            "fix: over ssh or in a container: loginctl enable-linger $USER");
  }

  @Test
  void aFailedServiceSaysSoWithTheFix() throws Exception {
    systemctl(
        "printf 'LoadState=loaded\\nActiveState=failed\\nSubState=failed\\nUnitFileState=enabled\\n'");

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor", "--json");

    JsonNode check = find(new ObjectMapper().readTree(run.out()), "user service");
    assertThat(check.path("status").asText()).isEqualTo("warn");
    assertThat(check.path("detail").asText()).startsWith("not running (failed), enabled at login");
    assertThat(check.path("fix").asText()).isEqualTo("cognito-creds service start");
  }

  /** A stand-in systemctl on the PATH that doctor is given. */
  private void systemctl(String script) throws Exception {
    Path file = bin.resolve("systemctl");
    executable(file);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
  }

  @Test
  void aSignedOutProfileSaysToLogIn() {
    daemon.replyOnly(
        "GET",
        "/v1/status",
        200,
        SIGNED_IN.formatted(home.resolve(".aws/config")).replace("SIGNED_IN", "SIGNED_OUT"));

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out())
        .contains(
            "✘ signed in (acme): profile acme is signed out\n    fix: cognito-creds login --profile acme")
        .doesNotContain("credentials (acme)");
  }

  @Test
  void aCredentialProcessOfAnotherInstallIsFlagged() throws Exception {
    Path other = home.resolve("other/bin/cognito-creds");
    executable(other);
    Path config = home.resolve(".aws/config");
    Files.writeString(
        config,
        Files.readString(config)
            .replaceAll(
                "credential_process = .*",
                "credential_process = " + other + " credential-process --profile acme"));

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor", "--profile", "acme");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).contains("✘ credential_process (acme): runs " + other);
  }

  @Test
  void anOldOneShotCredentialProcessIsFlaggedWithoutPrintingItsPassword() throws Exception {
    Path config = home.resolve(".aws/config");
    Files.writeString(
        config,
        Files.readString(config)
            .replaceAll(
                "credential_process = .*",
                "credential_process = cognito-login --username alice --password Hunter2secret"));

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor", "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out())
        .contains("\"name\":\"credential_process (acme)\",\"status\":\"fail\"")
        .doesNotContain("Hunter2secret");
  }

  @Test
  void aTokenFileOthersCanReadIsFlaggedWithChmod() throws Exception {
    Path token = home.resolve("state/cognito-creds/auth-token");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.out()).contains("✘ token file").contains("fix: chmod 600 " + token);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void ourOwnHelperIsCheckedInsteadOfEcrLoginWhenTheEntryNamesIt() throws Exception {
    env.remove("AWS_PROFILE");
    Files.delete(bin.resolve(Doctor.ECR_HELPER));
    assertThat(
            ClientRun.withStdin(env, "", "configure", "docker", "--registry", REGISTRY).exitCode())
        .isZero();
    daemon.reply(
        "GET",
        "/v1/registries/" + REGISTRY + "/credentials",
        200,
        "{\"ServerURL\":\"" + REGISTRY + "\",\"Username\":\"AWS\",\"Secret\":\"pw-not-shown\"}");

    ClientRun.Result missing = ClientRun.withStdin(env, "", "doctor");
    executable(bin.resolve("docker-credential-cognito-creds"));
    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(missing.out()).contains("✘ docker-credential-cognito-creds: not found on PATH");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains(
            "✔ credHelpers: " + REGISTRY + " -> cognito-creds",
            "✔ docker-credential-cognito-creds: found at",
            "✔ registry "
                + REGISTRY
                + ": served by profile acme (cognito_registries), password obtained")
        .doesNotContain(Doctor.ECR_HELPER, "AWS_PROFILE", "pw-not-shown");
  }

  @Test
  void aRegistryNoProfileServesIsFlaggedWithTheConfigureCommand() throws Exception {
    env.remove("AWS_PROFILE");
    executable(bin.resolve("docker-credential-cognito-creds"));
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"credHelpers\": {\"public.ecr.aws\": \"cognito-creds\"}}");

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out())
        .contains(
            "✘ registry public.ecr.aws: no cognito profile names it",
            "fix: cognito-creds configure docker --registry public.ecr.aws --profile PROFILE");
  }

  @Test
  void theEcrHelperIsRequiredButTheAwsCliIsOptional() throws Exception {
    Files.delete(bin.resolve("aws"));
    assertThat(ClientRun.withStdin(env, "", "doctor").exitCode()).isZero();

    Files.delete(bin.resolve(Doctor.ECR_HELPER));
    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out())
        .contains("✘ " + Doctor.ECR_HELPER + ": not found on PATH", "✘ aws: not found on PATH");
  }

  @Test
  void missingCredHelpersAndProfilesAreReported() throws Exception {
    Files.delete(home.resolve(".docker/config.json"));
    Files.writeString(home.resolve(".aws/config"), "[profile other]\nregion = eu-west-1\n");

    ClientRun.Result run = ClientRun.withStdin(env, "", "doctor");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out())
        .contains(
            "✘ AWS config: no profile with cognito_user_pool_id or cognito_oidc_issuer in "
                + home.resolve(".aws/config"),
            "✘ credHelpers: no ECR registry",
            "fix: cognito-creds configure docker --registry");
  }

  private static JsonNode find(JsonNode report, String name) {
    for (JsonNode c : report.path("checks")) {
      if (name.equals(c.path("name").asText())) {
        return c;
      }
    }
    throw new AssertionError("no check named " + name + " in " + report);
  }

  private static void executable(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}

package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.contract.FileLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configure and doctor work on the config file the daemon reads, a {@code ~} in it included. */
class AwsConfigFileLocationTest {
  @TempDir Path home;

  @Test
  void aTildeInAwsConfigFileIsTheHomeFolderForConfigureAndDoctorAsForTheDaemon() throws Exception {
    Path onboarding = home.resolve("onboarding.json");
    Files.writeString(onboarding, ConfigureCommandTest.ONBOARDING);
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("COGNITO_CREDS_HOME", home.resolve("install").toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("AWS_CONFIG_FILE", "~/elsewhere/aws-config");
    Path daemonReads = FileLocations.of(env, "Linux", "/nonexistent").configFile();

    ClientRun.Result configure =
        ClientRun.run(env, "configure", "profile", "--from", onboarding.toString());
    ClientRun.Result doctor = ClientRun.run(env, "doctor", "--profile", "acme");

    assertThat(configure.exitCode()).as(configure.err()).isZero();
    assertThat(daemonReads).isEqualTo(home.resolve("elsewhere/aws-config"));
    assertThat(Files.readString(daemonReads)).contains("[profile acme]");
    assertThat(doctor.out())
        .contains("cognito keys present and well-formed in " + daemonReads)
        .doesNotContain("~/elsewhere");
  }
}

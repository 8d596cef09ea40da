package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.cognitocreds.e2e.harness.Cli;
import dev.cognitocreds.e2e.harness.Command;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.Daemon;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.TempHome;
import io.restassured.http.ContentType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the daemon starts in a fresh home: without any config, without XDG variables, and when its
 * port is taken.
 */
class DaemonStartupTest {

  private TempHome home;

  @BeforeEach
  void createHome() throws Exception {
    home = TempHome.create("startup");
    Files.delete(home.configFile());
  }

  @AfterEach
  void deleteHome() {
    home.close();
  }

  @Test
  void withoutAnAwsConfigFileItServesNoProfilesAndSaysSo() {
    try (Daemon daemon = Daemon.start(home)) {
      daemon
          .request()
          .get("/v1/status")
          .then()
          .statusCode(200)
          .contentType(ContentType.JSON)
          .body("profiles.size()", equalTo(0));
      daemon
          .request()
          .get("/v1/credentials")
          .then()
          .statusCode(404)
          .contentType(ContentType.JSON)
          .body("code", equalTo("ProfileNotFound"));
      assertThat(home.tokenFile()).exists();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TempHome.Layout.class,
      names = {"STATE_ONLY", "HOME_ONLY"})
  void withoutXdgVariablesTheDaemonLauncherAndClientAgreeWhereTheFilesAre(TempHome.Layout layout) {
    try (TempHome bare = TempHome.create("layout", layout)) {
      bare.writeConfig(DemoPool.profile("acme", URI.create("http://127.0.0.1:9")).toIni());
      try (Daemon daemon = Daemon.start(bare)) {
        assertThat(bare.endpointFile()).exists();
        assertThat(bare.decoyUserHome()).as("the JVM's user.home instead of HOME").doesNotExist();
        Cli cli = new Cli(bare);

        CommandResult status = cli.run("status");
        assertThat(status.exitCode()).as("%s", status).isZero();
        // Signed out, not "daemon not running": the launcher's own path found the daemon too.
        CommandResult credentialProcess = cli.run("credential-process", "--profile", "acme");
        assertThat(credentialProcess.exitCode()).as("%s", credentialProcess).isEqualTo(4);
        assertThat(credentialProcess.stderr()).contains("cognito-creds login --profile acme");
      }
    }
  }

  @Test
  void aTakenPortIsReportedWithTheWayOutAndNoEndpointFileIsWritten() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      CommandResult daemon =
          Command.run(
              List.of(Distribution.daemon().toString(), "--port", Integer.toString(port)),
              home.environment(),
              null);

      assertThat(daemon.exitCode()).as("%s", daemon).isNotZero();
      assertThat(daemon.stdout() + daemon.stderr())
          .contains("127.0.0.1:" + port)
          .contains("--port");
      assertThat(home.endpointFile()).doesNotExist();
    }
  }
}

package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.session.Upstream;
import dev.cognitocreds.daemon.store.FileSessionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon in-process, Cognito faked: files, sign-in over HTTP, restart without a new
 * sign-in.
 */
class DaemonTest {

  @TempDir Path home;
  private final MutableClock clock = new MutableClock(Instant.now());
  private final FakeCognito cognito = new FakeCognito(clock);
  private final HttpClient http = HttpClient.newHttpClient();

  private FileLocations paths() throws Exception {
    Path config = home.resolve(".aws/config");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        """
                [profile acme]
                cognito_user_pool_id = us-east-2_AbC123
                cognito_client_id = client1
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                cognito_auth_flow = USER_PASSWORD_AUTH
                """);
    return FileLocations.of(
        Map.of(
            "AWS_CONFIG_FILE",
            config.toString(),
            "XDG_STATE_HOME",
            home.resolve("state").toString(),
            "XDG_RUNTIME_DIR",
            home.resolve("run").toString()),
        "Linux",
        home.toString());
  }

  private Daemon start(FileLocations paths) throws Exception {
    SecureRandom random = new SecureRandom();
    return Daemon.start(
        new DaemonOptions(0, Optional.empty(), DaemonOptions.Action.SERVE),
        paths,
        new FileSessionStore(paths.sessionsDir()),
        new Upstream(
            new UserPool(profile -> cognito.userPool, clock, random),
            new UserPoolTokens(profile -> cognito.userPool),
            new IdentityPool(profile -> cognito.identityPool, clock),
            new UserPoolAccounts(profile -> cognito.userPool)),
        clock,
        random);
  }

  private HttpResponse<String> call(FileLocations paths, String method, String path, String body)
      throws Exception {
    URI base = URI.create(Files.readString(paths.endpointFile()).strip());
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", Files.readString(paths.tokenFile()))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void writesItsFilesSignsInAndSurvivesARestart() throws Exception {
    FileLocations paths = paths();
    try (Daemon daemon = start(paths)) {
      assertThat(paths.endpointFile()).hasContent("http://127.0.0.1:" + daemon.port());
      assertThat(Files.readString(paths.endpointFile())).endsWith("\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.endpointFile())))
          .isEqualTo("rw-------");
      assertThat(Files.readString(paths.tokenFile())).hasSize(43);

      HttpResponse<String> login =
          call(
              paths,
              "POST",
              "/v1/profiles/acme/login",
              "{\"username\":\"alice\",\"password\":\"" + FakeCognito.PASSWORD + "\"}");
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body())
          .contains("\"status\":\"SIGNED_IN\"")
          .doesNotContain(FakeCognito.PASSWORD);
    }
    assertThat(paths.endpointFile()).as("removed on shutdown").doesNotExist();
    assertThat(paths.sessionsDir().resolve("acme.json")).exists();

    try (Daemon restarted = start(paths)) {
      assertThat(cognito.calls("GetCredentialsForIdentity"))
          .as("nothing asked upstream before a request")
          .isEqualTo(1);
      HttpResponse<String> credentials = call(paths, "GET", "/v1/credentials", null);
      assertThat(credentials.statusCode()).isEqualTo(200);
      assertThat(credentials.body()).contains("\"AccessKeyId\":\"ASIAFAKE2\"");
      assertThat(cognito.calls("GetCredentialsForIdentity")).isEqualTo(2);
      assertThat(cognito.calls("GetId")).isEqualTo(1);
      assertThat(restarted.port()).isPositive();
    }
  }

  @Test
  void aProfileTakenOutOfTheConfigStopsBeingServedWithoutARequestLookingAtTheFile()
      throws Exception {
    FileLocations paths = paths();
    try (Daemon daemon = start(paths)) {
      call(
          paths,
          "POST",
          "/v1/profiles/acme/login",
          "{\"username\":\"alice\",\"password\":\"" + FakeCognito.PASSWORD + "\"}");
      assertThat(call(paths, "GET", "/v1/profiles/acme/credentials", null).statusCode())
          .isEqualTo(200);

      // the clock stands still, so only the daemon's own look-ahead can notice the edit: requests
      // are answered from the profiles last read until a look at the file is due
      Files.writeString(
          paths.configFile(),
          Files.readString(paths.configFile()).replace("[profile acme]", "[profile beta]"));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> call(paths, "GET", "/v1/profiles/acme/credentials", null).statusCode(),
              status -> status == 404);
      assertThat(daemon.port()).isPositive();
    }
  }
}

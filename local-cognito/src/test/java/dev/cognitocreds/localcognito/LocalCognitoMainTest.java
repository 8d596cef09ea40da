package dev.cognitocreds.localcognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone process: one ready line on stdout, loopback only, demo seed, clean stop. */
class LocalCognitoMainTest {

  @Test
  void startsWithTheDemoSeedAndPrintsItsEndpoint() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalCognitoMain.class.getName(),
                    "--port",
                    "0",
                    "--demo"))
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = out.readLine();
      assertThat(ready).matches("local-cognito listening on http://127\\.0\\.0\\.1:\\d+");
      URI endpoint = URI.create(ready.substring(ready.indexOf("http")));

      HttpResponse<String> jwks =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          endpoint.resolve("/us-east-2_DEMOpool1/.well-known/jwks.json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(jwks.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(jwks.body()).path("keys").get(0).path("alg").asText())
          .isEqualTo("RS256");

      try (var idp = Sdk.userPools(endpoint)) {
        var challenge =
            SignIn.password(idp, "demo0client0id0000000000aa", "licensed-user", "TempPassw0rd!");
        assertThat(challenge.challengeNameAsString()).isEqualTo("NEW_PASSWORD_REQUIRED");
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void brokenSeedFileStopsWithOneLineAndExitCode1(@TempDir Path dir) throws Exception {
    Path seed = Files.writeString(dir.resolve("seed.json"), "{\"UserPools\": [");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalCognitoMain.class.getName(),
                    "--seed",
                    seed.toString()))
            .redirectErrorStream(true)
            .start();

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("local-cognito: cannot start: seed is not valid JSON")
        .doesNotContain("\tat ");
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalCognitoMain.class.getName(),
                    "--bogus"))
            .redirectErrorStream(true)
            .start();

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("unknown option --bogus")
        .contains("Usage:");
  }
}

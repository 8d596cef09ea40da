package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.RULES_IDENTITY_POOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof of faithfulness against clients that work with the real Cognito:
 * amazon-cognito-identity-js (SRP) and botocore. These fail, not skip, when node or python3 is
 * missing, because CI has both.
 */
class ReferenceClientsTest {
  private static final Path JS = Path.of("src/test/js");
  private static final Path PYTHON = Path.of("src/test/python/botocore_flow.py");
  private static LocalCognito cognito;

  record Result(int exitCode, String output) {}

  @BeforeAll
  static void start() throws Exception {
    cognito = LocalCognito.builder().seed(TestSeeds.seed()).start();
    if (!Files.isDirectory(JS.resolve("node_modules/amazon-cognito-identity-js"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), JS, Map.of());
      assertThat(install.exitCode()).as("npm ci: %s", install.output()).isZero();
    }
  }

  @AfterAll
  static void stop() {
    cognito.close();
  }

  @Test
  void javascriptClientSignsInWithSrpUsingTheRightPassword() throws Exception {
    Result result = javascriptSignIn("alice", "Alice-Passw0rd!");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).startsWith("SIGNED_IN ");
    assertThat(cognito.calls().count("RespondToAuthChallenge")).isPositive();
  }

  @Test
  void javascriptClientIsRefusedWithAWrongPassword() throws Exception {
    Result result = javascriptSignIn("alice", "Wrong-Passw0rd!");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .startsWith("NotAuthorizedException: Incorrect username or password.");
  }

  @Test
  void botocoreSignsInRefreshesAndGetsCredentials() throws Exception {
    Result result =
        run(
            List.of("python3", PYTHON.toString()),
            Path.of("."),
            Map.of(
                "LOCAL_COGNITO_ENDPOINT",
                cognito.endpoint().toString(),
                "USER_POOL_ID",
                POOL,
                "CLIENT_ID",
                PUBLIC_CLIENT,
                "IDENTITY_POOL_ID",
                RULES_IDENTITY_POOL,
                "COGNITO_USERNAME",
                "alice",
                "COGNITO_PASSWORD",
                "Alice-Passw0rd!"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    var summary = Json.MAPPER.readTree(result.output());
    assertThat(summary.path("accessKeyId").asText()).startsWith("ASIA");
    assertThat(cognito.issuedCredentials())
        .anySatisfy(
            c -> {
              assertThat(c.accessKeyId()).isEqualTo(summary.path("accessKeyId").asText());
              assertThat(c.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/licensed-by-rule");
            });
  }

  @Test
  void botocoreSeesCognitosErrorCodeForAWrongPassword() throws Exception {
    Result result =
        run(
            List.of("python3", PYTHON.toString()),
            Path.of("."),
            Map.of(
                "LOCAL_COGNITO_ENDPOINT",
                cognito.endpoint().toString(),
                "USER_POOL_ID",
                POOL,
                "CLIENT_ID",
                PUBLIC_CLIENT,
                "IDENTITY_POOL_ID",
                RULES_IDENTITY_POOL,
                "COGNITO_USERNAME",
                "alice",
                "COGNITO_PASSWORD",
                "Wrong-Passw0rd!"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .isEqualTo("NotAuthorizedException: Incorrect username or password.");
  }

  private static Result javascriptSignIn(String username, String password) throws Exception {
    return run(
        List.of("node", "srp-sign-in.js"),
        JS,
        Map.of(
            "LOCAL_COGNITO_ENDPOINT",
            cognito.endpoint().toString(),
            "USER_POOL_ID",
            POOL,
            "CLIENT_ID",
            PUBLIC_CLIENT,
            "COGNITO_USERNAME",
            username,
            "COGNITO_PASSWORD",
            password));
  }

  /** Secrets go through the environment, never the command line. */
  private static Result run(List<String> command, Path directory, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(environment);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 180 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }
}

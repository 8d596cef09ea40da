package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configure profile and doctor with the keys of a browser sign-in. */
class BrowserKeysConfigureTest {

  @TempDir Path home;

  private ClientRun.Result run(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("COGNITO_CREDS_HOME", home.resolve("install").toString());
    return ClientRun.withStdin(env, "", args);
  }

  @Test
  void theOnboardingFilesBrowserKeysGoBeforeCredentialProcess() throws Exception {
    Path onboarding = home.resolve("onboarding.json");
    Files.writeString(
        onboarding,
        """
        {"profile": "acme", "region": "us-east-2", "userPoolId": "us-east-2_UXqM66clL",
         "clientId": "re12i62fp5ln48p3vtssjrveo",
         "identityPoolId": "us-east-2:070eee28-81b9-4878-b500-b9be89facf50",
         "domain": "https://acme.auth.us-east-2.amazoncognito.com", "identityProvider": "Google",
         "login": "browser"}
        """);

    ClientRun.Result run = run("configure", "profile", "--from", onboarding.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config")))
        .contains(
            "cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50\n"
                + "cognito_domain = https://acme.auth.us-east-2.amazoncognito.com\n"
                + "cognito_identity_provider = Google\n"
                + "cognito_login = browser\n"
                + "credential_process = ");
  }

  @Test
  void anOidcProviderTrustedDirectlyNeedsNoUserPool() throws Exception {
    ClientRun.Result run =
        run(
            "configure",
            "profile",
            "--profile",
            "direct",
            "--region",
            "us-east-2",
            "--identity-pool-id",
            "us-east-2:070eee28-81b9-4878-b500-b9be89facf50",
            "--oidc-issuer",
            "https://login.example.com/tenant",
            "--oidc-client-id",
            "cli-app",
            "--login",
            "browser");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(home.resolve(".aws/config")))
        .contains("cognito_oidc_issuer = https://login.example.com/tenant\n")
        .contains("cognito_oidc_client_id = cli-app\n")
        .doesNotContain("cognito_user_pool_id")
        .doesNotContain("cognito_client_id =");
  }

  @Test
  void aRedirectUriOffThisMachineIsRefused() {
    ClientRun.Result run =
        run(
            "configure",
            "profile",
            "--profile",
            "acme",
            "--region",
            "us-east-2",
            "--user-pool-id",
            "us-east-2_UXqM66clL",
            "--client-id",
            "re12i62fp5ln48p3vtssjrveo",
            "--identity-pool-id",
            "us-east-2:070eee28-81b9-4878-b500-b9be89facf50",
            "--domain",
            "https://acme.auth.us-east-2.amazoncognito.com",
            "--redirect-uri",
            "http://example.com:41739/callback");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--redirect-uri must be a loopback address");
  }

  @Test
  void doctorSaysTheRedirectPortIsTakenAndTheDomainDoesNotAnswer() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      int closed;
      try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        closed = gone.getLocalPort();
      }
      Files.createDirectories(home.resolve(".aws"));
      Files.writeString(
          home.resolve(".aws/config"),
          "[profile acme]\n"
              + "region = us-east-2\n"
              + "cognito_user_pool_id = us-east-2_UXqM66clL\n"
              + "cognito_client_id = re12i62fp5ln48p3vtssjrveo\n"
              + "cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50\n"
              + "cognito_domain = http://127.0.0.1:"
              + closed
              + "/_domain/acme\n"
              + "cognito_redirect_uri = http://127.0.0.1:"
              + port
              + "/callback\n");

      ClientRun.Result run = run("doctor", "--profile", "acme");

      assertThat(run.out())
          .contains(
              "domain (acme): http://127.0.0.1:"
                  + closed
                  + "/_domain/acme/oauth2/authorize does not answer")
          .contains("port " + port + " is in use")
          .contains("cognito_redirect_uri");
    }
  }
}

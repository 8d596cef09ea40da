package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.cognitocreds.e2e.harness.AdjustableClock;
import dev.cognitocreds.e2e.harness.BrowserFixture;
import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.LoginPageOverHttp;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.oidc.StandInProvider;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A browser sign-in while the OIDC provider's clock (local-cognito's) is minutes ahead of or behind
 * this machine's: the ID token's {@code iat}/{@code exp} are judged on the provider's clock, told
 * by its token endpoint's {@code Date} header, so the sign-in succeeds, says the clock is off, and
 * credentials are served. Walked over plain HTTP, without a browser.
 */
class BrowserSignInClockSkewTest {

  private static final String PROFILE = "direct";

  @ParameterizedTest(name = "provider {0} minutes ahead")
  @ValueSource(ints = {5, -5})
  void aBrowserSignInSucceedsWithTheClocksApart(int providerMinutesAhead) {
    AdjustableClock providerClock = new AdjustableClock();
    providerClock.advance(Duration.ofMinutes(providerMinutesAhead));
    LocalCognito cognito = LocalCognito.builder().port(0).demo().clock(providerClock).start();
    String callback = "http://127.0.0.1:" + FreePort.onLoopback() + "/callback";
    String profile;
    try (CognitoAdmin admin = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      StandInProvider provider =
          cognito
              .oidcProviders()
              .create("skewed")
              .client("skewed-client", null, callback)
              .user("dave", "Dave-Passw0rd!", Map.of("email", "dave@skewed.example"));
      profile =
          BrowserFixture.oidcDirectProfile(
                  PROFILE,
                  provider.issuer(),
                  "skewed-client",
                  BrowserFixture.identityPoolTrustingIssuer(admin, "e2e_skewed", provider.issuer()),
                  cognito.endpoint(),
                  callback)
              .toIni();
    } catch (RuntimeException e) {
      cognito.close();
      throw e;
    }
    try (LocalCognitoInstallation fixture =
        LocalCognitoInstallation.start("browser-skew", cognito, endpoint -> profile)) {
      JsonPath started =
          fixture
              .daemon()
              .request()
              .contentType(ContentType.JSON)
              .body(Map.of("timeoutSeconds", 60))
              .post("/v1/profiles/{p}/login/browser", PROFILE)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      Map<String, String> redirect =
          new LoginPageOverHttp()
              .signIn(started.getString("authorizeUrl"), "dave", "Dave-Passw0rd!");

      fixture
          .daemon()
          .request()
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "attempt", started.getString("attempt"),
                  "state", redirect.get("state"),
                  "code", redirect.get("code")))
          .post("/v1/profiles/{p}/login/browser/callback", PROFILE)
          .then()
          .statusCode(200)
          .body("status", equalTo("SIGNED_IN"));

      fixture
          .daemon()
          .request()
          .get("/v1/profiles/{p}/credential-process", PROFILE)
          .then()
          .statusCode(200)
          .body("AccessKeyId", startsWith("ASIA"));
      assertThat(fixture.daemon().log())
          .containsPattern("this machine's clock is (29[0-9]|30[0-2]) s .* sign-in provider's");
    }
  }
}

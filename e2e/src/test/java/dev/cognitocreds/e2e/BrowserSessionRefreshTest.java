package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.BrowserFixture;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.CredentialLoad;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.HeadlessChromium;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.RunningCommand;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.oidc.StandInProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

/**
 * Browser sign-ins whose ID tokens live a few seconds and credentials fewer: after signing in in
 * chromium, the daemon must refresh the ID token to keep serving credentials — through the user
 * pool for a hosted-UI sign-in, at the OIDC provider's token endpoint (which rotates refresh
 * tokens) for an identity pool that trusts the provider directly. local-cognito's identity pool
 * refuses expired ID tokens, so credentials issued after the first ID token expired prove a new one
 * was used.
 */
class BrowserSessionRefreshTest {
  private static final Duration ID_TOKEN_LIFETIME = Duration.ofSeconds(6);
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(4);

  /** How long credentials are watched after the first ID token has expired. */
  private static final Duration AFTER_EXPIRY = Duration.ofSeconds(5);

  private static final String DOMAIN = "demo";
  private static final String USER = "erin";
  private static final String PASSWORD = "Erin-Passw0rd!1";
  private static final Pattern ADDRESS =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\S+authorize\\?\\S+)");

  private static BrowserFixture world;
  private static LocalCognitoInstallation fixture;
  private static Installation installation;
  private static HeadlessChromium chromium;
  private static StandInProvider direct;

  @BeforeAll
  static void start() {
    LocalCognito cognito =
        LocalCognito.builder().port(0).demo().credentialLifetime(CREDENTIAL_LIFETIME).start();
    String callback = "http://127.0.0.1:" + FreePort.onLoopback() + "/callback";
    String directCallback = "http://127.0.0.1:" + FreePort.onLoopback() + "/callback";
    String site = cognito.endpoint() + "/_domain/" + DOMAIN;
    world =
        BrowserFixture.start(
            "browser-refresh",
            cognito,
            admin -> {
              Map<String, String> profiles = new LinkedHashMap<>();
              var pools = admin.userPools();
              int seconds = (int) ID_TOKEN_LIFETIME.toSeconds();
              String clientId =
                  pools
                      .createUserPoolClient(
                          r ->
                              r.userPoolId(DemoPool.USER_POOL_ID)
                                  .clientName("e2e-browser-short")
                                  .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                                  .allowedOAuthFlowsUserPoolClient(true)
                                  .allowedOAuthFlows(OAuthFlowType.CODE)
                                  .allowedOAuthScopes("openid", "aws.cognito.signin.user.admin")
                                  .callbackURLs(callback)
                                  .supportedIdentityProviders("COGNITO")
                                  .idTokenValidity(seconds)
                                  .accessTokenValidity(seconds)
                                  .tokenValidityUnits(
                                      units ->
                                          units
                                              .idToken(TimeUnitsType.SECONDS)
                                              .accessToken(TimeUnitsType.SECONDS)))
                      .userPoolClient()
                      .clientId();
              admin.createConfirmedUser(DemoPool.USER_POOL_ID, USER, PASSWORD);
              String identityPoolId =
                  BrowserFixture.identityPoolTrustingClient(admin, "e2e_browser_short", clientId);
              direct =
                  cognito
                      .oidcProviders()
                      .create("rotating")
                      .client("rotating-client", null, directCallback)
                      .user("frank", "Frank-Passw0rd!", Map.of("email", "frank@direct.example"))
                      .tokenLifetime(ID_TOKEN_LIFETIME)
                      .rotatesRefreshTokens(true);
              String directPool =
                  BrowserFixture.identityPoolTrustingIssuer(
                      admin, "e2e_direct_short", direct.issuer());
              profiles.put(
                  "hosted",
                  CognitoProfile.of(
                          "hosted",
                          DemoPool.REGION,
                          DemoPool.USER_POOL_ID,
                          clientId,
                          identityPoolId,
                          cognito.endpoint())
                      .with("cognito_domain", site)
                      .with("cognito_redirect_uri", callback)
                      .toIni());
              profiles.put(
                  "direct",
                  BrowserFixture.oidcDirectProfile(
                          "direct",
                          direct.issuer(),
                          "rotating-client",
                          directPool,
                          cognito.endpoint(),
                          directCallback)
                      .toIni());
              return profiles;
            });
    fixture = world.fixture();
    installation = fixture.installation();
    chromium = world.chromium();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aHostedUiSignInKeepsServingCredentialsByRefreshingThroughTheUserPool() throws Exception {
    fixture.cognito().calls().reset();
    Instant firstIdTokenExpired = signInInChromium("hosted", USER, PASSWORD);
    assertThat(fixture.idTokenRefreshes()).as("no refresh at sign-in").isZero();

    CredentialLoad load = servedUntil("hosted", firstIdTokenExpired.plus(AFTER_EXPIRY));

    assertServedWithANewIdToken(load, firstIdTokenExpired);
    assertThat(fixture.idTokenRefreshes())
        .as("the user pool's REFRESH_TOKEN_AUTH, the ID token expiring while watched")
        .isGreaterThanOrEqualTo(1);
    assertThat(installation.daemon().log()).contains("profile hosted: tokens refreshed");
    assertThat(installation.daemon().profileStatus("hosted")).containsEntry("state", "SIGNED_IN");
  }

  @Test
  void anOidcDirectSignInRefreshesAtTheProviderAndStoresItsRotatedRefreshToken() throws Exception {
    long grantsBefore = direct.refreshGrants();
    Instant firstIdTokenExpired = signInInChromium("direct", "frank", "Frank-Passw0rd!");
    String first = world.refreshTokenOf("direct");

    CredentialLoad load = servedUntil("direct", firstIdTokenExpired.plus(AFTER_EXPIRY));

    assertServedWithANewIdToken(load, firstIdTokenExpired);
    assertThat(direct.refreshGrants() - grantsBefore)
        .as("refresh_token grants at the provider's token endpoint")
        .isGreaterThanOrEqualTo(1);
    String latest = world.refreshTokenOf("direct");
    assertThat(latest).as("the rotated refresh token is stored").isNotEqualTo(first);
    assertThat(direct.isActive(first)).isFalse();
    assertThat(direct.isActive(latest)).isTrue();
    assertThat(installation.daemon().log())
        .contains("profile direct: tokens refreshed")
        .contains("profile direct: rotated refresh token stored")
        .doesNotContain(first)
        .doesNotContain(latest);
  }

  /** Signs in through chromium; returns a time by which the first ID token has expired. */
  private static Instant signInInChromium(String profile, String username, String password) {
    try (RunningCommand login =
        RunningCommand.client(
            installation.home(), "login", "--browser", "--no-open", "--profile", profile)) {
      Matcher address = ADDRESS.matcher(login.awaitOutput("authorize?"));
      assertThat(address.find()).as("%s", login).isTrue();
      chromium.open(address.group(1));
      chromium.signIn(username, password);
      chromium.awaitPage("Signed in");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
    }
    // issued before the login ended, so expired a lifetime after it (plus the seconds' rounding)
    return Instant.now().plus(ID_TOKEN_LIFETIME).plusSeconds(1);
  }

  private static CredentialLoad servedUntil(String profile, Instant until) throws Exception {
    return CredentialLoad.run(installation.daemon(), profile, 2, until);
  }

  /**
   * Credentials were always served unexpired, and some were issued after the first ID token had
   * expired: the identity pool only takes unexpired ID tokens, so the daemon had a new one.
   */
  private static void assertServedWithANewIdToken(CredentialLoad load, Instant firstExpired) {
    load.assertNeverExpiredWhenServed();
    List<String> issuedLater =
        load.keys().stream()
            .filter(key -> load.expirationOf(key).minus(CREDENTIAL_LIFETIME).isAfter(firstExpired))
            .toList();
    assertThat(issuedLater)
        .as("credentials issued after the first ID token expired, of %s", load.keys())
        .isNotEmpty();
  }
}

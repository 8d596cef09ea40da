package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.cognitocreds.e2e.harness.BrowserFixture;
import dev.cognitocreds.e2e.harness.CognitoProfile;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.FreePort;
import dev.cognitocreds.e2e.harness.HeadlessChromium;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.LoginPageOverHttp;
import dev.cognitocreds.e2e.harness.RunningCommand;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.oidc.StandInProvider;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;

/**
 * {@code cognito-creds login --browser}: the real client prints the sign-in address, Debian's
 * chromium (headless, through Selenium) signs in on local-cognito's hosted UI, through a federated
 * provider, or at an OIDC provider the identity pool trusts directly, and the daemon then serves
 * credentials; plus the edges of the protocol over plain HTTP.
 */
class BrowserSignInTest {
  /** The demo pool's own domain (its seed has one). */
  private static final String DOMAIN = "demo";

  private static final String USER = "bob";
  private static final String PASSWORD = "Bob-Passw0rd!1";
  private static final Pattern ADDRESS =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\S+authorize\\?\\S+)");

  private static final LoginPageOverHttp LOGIN_PAGE = new LoginPageOverHttp();
  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static BrowserFixture world;
  private static LocalCognitoInstallation fixture;
  private static Installation installation;
  private static HeadlessChromium chromium;
  private static int callbackPort;
  private static int directPort;
  private static StandInProvider corp;

  @BeforeAll
  static void start() {
    LocalCognito cognito = LocalCognito.builder().port(0).demo().start();
    callbackPort = FreePort.onLoopback();
    directPort = FreePort.onLoopback();
    String callback = "http://127.0.0.1:" + callbackPort + "/callback";
    String directCallback = "http://127.0.0.1:" + directPort + "/callback";
    String site = cognito.endpoint() + "/_domain/" + DOMAIN;
    world =
        BrowserFixture.start(
            "browser",
            cognito,
            admin -> {
              Map<String, String> profiles = new LinkedHashMap<>();
              corp =
                  cognito
                      .oidcProviders()
                      .create("partner")
                      .client("partner-client", "partner-secret", site + "/oauth2/idpresponse")
                      .user("carol", "Carol-Passw0rd!", Map.of("email", "carol@corp.example"));
              var pools = admin.userPools();
              pools.createIdentityProvider(
                  r ->
                      r.userPoolId(DemoPool.USER_POOL_ID)
                          .providerName("Partner")
                          .providerType(IdentityProviderTypeType.OIDC)
                          .providerDetails(
                              Map.of(
                                  "client_id", "partner-client",
                                  "client_secret", "partner-secret",
                                  "oidc_issuer", corp.issuer(),
                                  "authorize_scopes", "openid email")));
              String clientId =
                  pools
                      .createUserPoolClient(
                          r ->
                              r.userPoolId(DemoPool.USER_POOL_ID)
                                  .clientName("e2e-browser")
                                  .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                                  .allowedOAuthFlowsUserPoolClient(true)
                                  .allowedOAuthFlows(OAuthFlowType.CODE)
                                  .allowedOAuthScopes(
                                      "openid", "email", "aws.cognito.signin.user.admin")
                                  .callbackURLs(callback)
                                  .supportedIdentityProviders("COGNITO", "Partner"))
                      .userPoolClient()
                      .clientId();
              admin.createConfirmedUser(DemoPool.USER_POOL_ID, USER, PASSWORD);
              String identityPoolId =
                  BrowserFixture.identityPoolTrustingClient(admin, "e2e_browser", clientId);
              StandInProvider direct =
                  cognito
                      .oidcProviders()
                      .create("direct")
                      .client("direct-client", null, directCallback)
                      .user("dave", "Dave-Passw0rd!", Map.of("email", "dave@direct.example"));
              String directPool =
                  BrowserFixture.identityPoolTrustingIssuer(admin, "e2e_direct", direct.issuer());
              CognitoProfile hosted =
                  CognitoProfile.of(
                          "hosted",
                          DemoPool.REGION,
                          DemoPool.USER_POOL_ID,
                          clientId,
                          identityPoolId,
                          cognito.endpoint())
                      .with("cognito_domain", site)
                      .with("cognito_redirect_uri", callback);
              profiles.put("hosted", hosted.toIni());
              profiles.put(
                  "federated",
                  new CognitoProfile("federated", hosted.keys())
                      .with("cognito_identity_provider", "Partner")
                      .with("cognito_login", "browser")
                      .toIni());
              profiles.put("newcomer", new CognitoProfile("newcomer", hosted.keys()).toIni());
              profiles.put(
                  "unregistered",
                  new CognitoProfile("unregistered", hosted.keys())
                      .with("cognito_redirect_uri", directCallback)
                      .toIni());
              Map<String, String> passwordOnly = new LinkedHashMap<>(hosted.keys());
              passwordOnly.remove("cognito_domain");
              profiles.put("nodomain", new CognitoProfile("nodomain", passwordOnly).toIni());
              profiles.put(
                  "badredirect",
                  new CognitoProfile("badredirect", hosted.keys())
                      .with("cognito_redirect_uri", "http://example.com/callback")
                      .toIni());
              CognitoProfile directProfile =
                  BrowserFixture.oidcDirectProfile(
                      "direct",
                      direct.issuer(),
                      "direct-client",
                      directPool,
                      cognito.endpoint(),
                      directCallback);
              profiles.put("direct", directProfile.toIni());
              Map<String, String> noClientId = new LinkedHashMap<>(directProfile.keys());
              noClientId.remove("cognito_oidc_client_id");
              profiles.put("noclientid", new CognitoProfile("noclientid", noClientId).toIni());
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
  void theHostedUiSignInInChromiumEndsWithCredentialsServedByTheDaemon() throws Exception {
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "hosted")) {
      chromium.open(address(login));
      chromium.signIn(USER, PASSWORD);

      assertThat(chromium.awaitPage("Signed in")).contains("You can close this tab");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.stdout()).contains("Signed in to profile hosted as " + USER);
    }
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", "hosted")
        .then()
        .statusCode(200)
        .body("AccessKeyId", startsWith("ASIA"));
    assertThat(installation.daemon().profileStatus("hosted"))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", USER);
    assertThat(installation.daemon().log()).doesNotContain(world.refreshTokenOf("hosted"));

    installation
        .daemon()
        .request()
        .post("/v1/profiles/{p}/logout", "hosted")
        .then()
        .statusCode(200)
        .body("revoked", equalTo(true));
    assertThat(fixture.cognito().calls().count("RevokeToken"))
        .as("revoked at <domain>/oauth2/revoke, not through the API")
        .isZero();
  }

  @Test
  void aUserWithATemporaryPasswordChoosesANewOneOnTheHostedUiAndIsSignedIn() {
    fixture
        .admin()
        .userPools()
        .adminCreateUser(
            r ->
                r.userPoolId(DemoPool.USER_POOL_ID)
                    .username("tess")
                    .temporaryPassword("Tmp-Passw0rd!1"));
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "newcomer")) {
      chromium.open(address(login));
      chromium.signIn("tess", "Tmp-Passw0rd!1");
      chromium.changePassword("Tess-N3w-Passw0rd!", Map.of("email", "tess@example.com"));

      chromium.awaitPage("Signed in");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.stdout()).contains("Signed in to profile newcomer as tess");
    }
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", "newcomer")
        .then()
        .statusCode(200)
        .body("AccessKeyId", startsWith("ASIA"));
    assertThat(
            fixture
                .admin()
                .userPools()
                .adminGetUser(r -> r.userPoolId(DemoPool.USER_POOL_ID).username("tess"))
                .userStatusAsString())
        .isEqualTo("CONFIRMED");
    assertThat(
            fixture
                .admin()
                .userPools()
                .adminGetUser(r -> r.userPoolId(DemoPool.USER_POOL_ID).username("tess"))
                .userAttributes())
        .anySatisfy(
            attribute -> {
              assertThat(attribute.name()).isEqualTo("email");
              assertThat(attribute.value()).isEqualTo("tess@example.com");
            });
  }

  @Test
  void aFederatedSignInGoesThroughThePartnerProviderWhenTheProfileSaysBrowser() {
    try (RunningCommand login = login("--no-open", "--profile", "federated")) {
      chromium.open(address(login));
      chromium.signIn("carol", "Carol-Passw0rd!");

      chromium.awaitPage("Signed in");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
    }
    assertThat(installation.daemon().profileStatus("federated"))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", "Partner_" + corp.subOf("carol"));
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", "federated")
        .then()
        .statusCode(200)
        .body("AccessKeyId", startsWith("ASIA"));
  }

  @Test
  void anIdentityPoolTrustingAnOidcProviderDirectlyGetsItsIdToken() {
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "direct")) {
      chromium.open(address(login));
      chromium.signIn("dave", "Dave-Passw0rd!");

      chromium.awaitPage("Signed in");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
    }
    assertThat(installation.daemon().profileStatus("direct"))
        .containsEntry("state", "SIGNED_IN")
        .containsEntry("username", "dave@direct.example");
    installation
        .daemon()
        .request()
        .get("/v1/profiles/{p}/credential-process", "direct")
        .then()
        .statusCode(200)
        .body("AccessKeyId", startsWith("ASIA"));
    String refreshToken = world.refreshTokenOf("direct");
    assertThat(
            fixture.cognito().oidcProviders().find("direct").orElseThrow().isActive(refreshToken))
        .isTrue();

    CommandResult logout = installation.cli().run("logout", "--profile", "direct");

    assertThat(logout.exitCode()).as("%s", logout).isZero();
    assertThat(
            fixture.cognito().oidcProviders().find("direct").orElseThrow().isActive(refreshToken))
        .as("revoked at the provider's revocation endpoint")
        .isFalse();
  }

  @Test
  void theAddressTheBrowserEndedOnCanBePasted() throws Exception {
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "hosted")) {
      String finalAddress = LOGIN_PAGE.redirect(address(login), USER, PASSWORD);

      login.writeLine(finalAddress);

      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.stdout()).contains("Signed in to profile hosted as " + USER);
    }
  }

  @Test
  void aCallbackWithAnotherStateIsAnsweredAndIgnoredAndTheSignInGoesOn() throws Exception {
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "hosted")) {
      String url = address(login);
      HttpResponse<String> stray = get(callback("code=forged&state=not-the-state"));

      assertThat(stray.statusCode()).isEqualTo(400);
      assertThat(stray.body()).contains("another sign-in");
      chromium.open(url);
      chromium.signIn(USER, PASSWORD);
      chromium.awaitPage("Signed in");
      assertThat(login.finish().exitCode()).isZero();
    }
  }

  @Test
  void accessDeniedEndsTheLoginWithTheProvidersReason() {
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "hosted")) {
      chromium.open(address(login));
      chromium.cancel();

      assertThat(chromium.awaitPage("Sign-in failed")).contains("access_denied");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
      assertThat(result.stderr()).contains("access_denied");
    }
  }

  @Test
  void aCodeTheProviderRefusesEndsTheLoginWithExit5AndNothingStored() throws Exception {
    installation.daemon().request().post("/v1/profiles/{p}/logout", "hosted");
    try (RunningCommand login = login("--browser", "--no-open", "--profile", "hosted")) {
      String state = LoginPageOverHttp.query(address(login)).get("state");

      HttpResponse<String> page = get(callback("code=not-a-code&state=" + state));

      assertThat(page.body()).contains("Sign-in failed");
      CommandResult result = login.finish();
      assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
      assertThat(result.stderr()).contains("refused the code (invalid_grant");
    }
    assertThat(installation.home().sessionFile("hosted")).doesNotExist();
  }

  @Test
  void noSignInBeforeTheTimeoutIsExit8WithTheAddressRepeated() {
    try (RunningCommand login =
        login("--browser", "--no-open", "--timeout", "1", "--profile", "hosted")) {
      CommandResult result = login.finish();

      assertThat(result.exitCode()).as("%s", result).isEqualTo(8);
      Matcher addresses = ADDRESS.matcher(result.stderr());
      assertThat(addresses.results().count()).isEqualTo(2);
      assertThat(result.stderr()).contains("did not finish within 1 seconds");
    }
  }

  @Test
  void aBusyPortIsAnErrorNamingThePortAndTheKey() throws Exception {
    try (ServerSocket taken = busy(callbackPort)) {
      CommandResult result =
          installation.cli().run("login", "--browser", "--no-open", "--profile", "hosted");

      assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
      assertThat(result.stderr())
          .contains("port " + callbackPort)
          .contains("cognito_redirect_uri")
          .doesNotContain("authorize?");
    }
  }

  @Test
  void aProfileWithoutCognitoDomainIsAConfigurationErrorNamingTheKeyAndTheCommand() {
    CommandResult result =
        installation.cli().run("login", "--browser", "--no-open", "--profile", "nodomain");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr())
        .contains("cognito_domain")
        .contains("cognito-creds configure profile --profile nodomain --domain URL")
        .doesNotContain("authorize?");
  }

  @ParameterizedTest
  @CsvSource({
    "badredirect, cognito_redirect_uri, is not a loopback address",
    "noclientid, cognito_oidc_client_id, is missing",
  })
  void aBrokenBrowserKeyIsAConfigurationErrorNamingTheKeyAndTheCommand(
      String profile, String key, String problem) {
    CommandResult result =
        installation.cli().run("login", "--browser", "--no-open", "--profile", profile);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr())
        .contains("profile " + profile + ": " + key)
        .contains(problem)
        .contains("cognito-creds configure profile --profile " + profile)
        .doesNotContain("authorize?");
  }

  @Test
  void aRedirectUriTheAppClientDoesNotListIsRefusedByTheHostedUi() {
    try (RunningCommand login =
        login("--browser", "--no-open", "--timeout", "5", "--profile", "unregistered")) {
      chromium.open(address(login));

      assertThat(chromium.pageText()).contains("redirect_mismatch");
      assertThat(login.finish().exitCode()).isEqualTo(8);
    }
  }

  @Test
  void theDaemonKeepsAnAttemptThroughAWrongStateAndUsesItOnce() throws Exception {
    installation.daemon().request().post("/v1/profiles/{p}/logout", "hosted");
    JsonPath started = startBrowserLogin("hosted");
    String attempt = started.getString("attempt");
    String state = started.getString("state");
    Map<String, String> authorize = LoginPageOverHttp.query(started.getString("authorizeUrl"));
    assertThat(authorize)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("state", state)
        .containsKey("nonce")
        .containsEntry("scope", "openid aws.cognito.signin.user.admin");
    assertThat(state).hasSizeGreaterThanOrEqualTo(22);
    assertThat(authorize.get("nonce")).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(state);

    finish("hosted", attempt, "not-" + state, "any-code")
        .then()
        .statusCode(400)
        .body("code", equalTo("BadRequest"));
    String code =
        LoginPageOverHttp.query(
                LOGIN_PAGE.redirect(started.getString("authorizeUrl"), USER, PASSWORD))
            .get("code");
    finish("hosted", attempt, state, code)
        .then()
        .statusCode(200)
        .body("status", equalTo("SIGNED_IN"));
    finish("hosted", attempt, state, code)
        .then()
        .statusCode(410)
        .body("code", equalTo("BrowserSignInExpired"));
    finish("hosted", "no-such-attempt", state, code).then().statusCode(410);
  }

  private static JsonPath startBrowserLogin(String profile) {
    return installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("timeoutSeconds", 60))
        .post("/v1/profiles/{p}/login/browser", profile)
        .then()
        .statusCode(200)
        .body("status", equalTo("BROWSER"))
        .extract()
        .jsonPath();
  }

  private static Response finish(String profile, String attempt, String state, String code) {
    return installation
        .daemon()
        .request()
        .contentType(ContentType.JSON)
        .body(Map.of("attempt", attempt, "state", state, "code", code))
        .post("/v1/profiles/{p}/login/browser/callback", profile);
  }

  @ParameterizedTest
  @EnumSource(
      value = StandInProvider.IdTokenFault.class,
      names = {"WRONG_NONCE", "WRONG_AUDIENCE", "WRONG_ISSUER", "EXPIRED", "FOREIGN_SIGNATURE"})
  void anIdTokenThatFailsACheckIsRefusedAndNothingIsStored(StandInProvider.IdTokenFault fault)
      throws Exception {
    installation.daemon().request().post("/v1/profiles/{p}/logout", "direct");
    StandInProvider direct = fixture.cognito().oidcProviders().find("direct").orElseThrow();
    direct.idTokenFault(fault);
    try {
      JsonPath started = startBrowserLogin("direct");
      String code =
          LoginPageOverHttp.query(
                  LOGIN_PAGE.redirect(started.getString("authorizeUrl"), "dave", "Dave-Passw0rd!"))
              .get("code");

      finish("direct", started.getString("attempt"), started.getString("state"), code)
          .then()
          .statusCode(400)
          .body("code", equalTo("InvalidIdToken"))
          .body("message", containsString(refusal(fault)));
    } finally {
      direct.idTokenFault(StandInProvider.IdTokenFault.NONE);
    }
    assertThat(installation.home().sessionFile("direct")).doesNotExist();
  }

  private static String refusal(StandInProvider.IdTokenFault fault) {
    return switch (fault) {
      case WRONG_NONCE -> "nonce";
      case WRONG_AUDIENCE -> "another client";
      case WRONG_ISSUER -> "issued by";
      case EXPIRED -> "expired";
      default -> "signature";
    };
  }

  private static RunningCommand login(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "login";
    System.arraycopy(args, 0, full, 1, args.length);
    return RunningCommand.client(installation.home(), full);
  }

  private static String address(RunningCommand login) {
    Matcher m = ADDRESS.matcher(login.awaitOutput("authorize?"));
    assertThat(m.find()).as("%s", login).isTrue();
    return m.group(1);
  }

  /** A login page walked without a browser; returns the address it finally sends to. */
  private static String callback(String query) {
    return "http://127.0.0.1:" + callbackPort + "/callback?" + query;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ServerSocket busy(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    return socket;
  }
}

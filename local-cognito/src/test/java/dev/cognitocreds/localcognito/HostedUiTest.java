package dev.cognitocreds.localcognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.localcognito.oauth.Pkce;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The hosted UI of a pool provisioned through the real APIs, over plain HTTP as a browser and an
 * app would use it: login page, code with PKCE, tokens, refresh, revocation, federation through the
 * stand-in OIDC provider, and the refusals.
 */
class HostedUiTest {
  private static final String REDIRECT = "http://127.0.0.1:41739/callback";
  private static final String VERIFIER = "v".repeat(20) + "-verifier-of-pkce-0123456789";

  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;
  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static String poolId;
  private static String clientId;
  private static String site;

  @BeforeAll
  static void provision() {
    cognito = LocalCognito.builder().start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
    poolId = idp.createUserPool(r -> r.poolName("hosted")).userPool().id();
    idp.createUserPoolDomain(r -> r.userPoolId(poolId).domain("acme-hosted"));
    cognito
        .oidcProviders()
        .create("corp")
        .client(
            "corp-client",
            "corp-secret",
            cognito.endpoint() + "/_domain/acme-hosted/oauth2/idpresponse")
        .user("carol", "Carol-Passw0rd!", Map.of("email", "carol@corp.example"));
    idp.createIdentityProvider(
        r ->
            r.userPoolId(poolId)
                .providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(
                    Map.of(
                        "client_id", "corp-client",
                        "client_secret", "corp-secret",
                        "oidc_issuer", cognito.oidcProviders().find("corp").orElseThrow().issuer(),
                        "authorize_scopes", "openid email",
                        "attributes_request_method", "GET"))
                .attributeMapping(Map.of("email", "email")));
    clientId =
        idp.createUserPoolClient(
                r ->
                    r.userPoolId(poolId)
                        .clientName("cli")
                        .allowedOAuthFlowsUserPoolClient(true)
                        .allowedOAuthFlows(OAuthFlowType.CODE)
                        .allowedOAuthScopes("openid", "email", "aws.cognito.signin.user.admin")
                        .callbackURLs(REDIRECT)
                        .supportedIdentityProviders("COGNITO", "Corp"))
            .userPoolClient()
            .clientId();
    idp.adminCreateUser(
        r -> r.userPoolId(poolId).username("alice").temporaryPassword("Tmp-Passw0rd!"));
    idp.adminSetUserPassword(
        r -> r.userPoolId(poolId).username("alice").password("Alice-Passw0rd!").permanent(true));
    site = cognito.endpoint() + "/_domain/acme-hosted";
  }

  @AfterAll
  static void stop() {
    idp.close();
    identity.close();
    cognito.close();
  }

  @Test
  void theLoginPageGivesACodeThatPkceTradesForTokensCarryingTheNonceOnce() throws Exception {
    String code = signInOnLoginPage("alice", "Alice-Passw0rd!", "state-1", "nonce-1");

    HttpResponse<String> tokens = token(code, VERIFIER, REDIRECT);

    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(tokens.body());
    SignedJWT idToken = SignedJWT.parse(body.path("id_token").asText());
    assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("nonce-1");
    assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(clientId);
    assertThat(idToken.getJWTClaimsSet().getStringClaim("cognito:username")).isEqualTo("alice");
    assertThat(body.path("refresh_token").asText()).isNotBlank();
    HttpResponse<String> reused = token(code, VERIFIER, REDIRECT);
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("invalid_grant");
  }

  @Test
  void aWrongVerifierIsRefusedAndUsesUpTheCode() throws Exception {
    String code = signInOnLoginPage("alice", "Alice-Passw0rd!", "state-2", "nonce-2");

    HttpResponse<String> wrong = token(code, VERIFIER.replace('v', 'w'), REDIRECT);
    HttpResponse<String> right = token(code, VERIFIER, REDIRECT);

    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("invalid_grant");
    assertThat(right.statusCode()).isEqualTo(400);
  }

  @Test
  void aRedirectUriNotRegisteredOnTheClientIsAnErrorPageNeverARedirect() throws Exception {
    HttpResponse<String> page =
        get(authorizeUrl("http://127.0.0.1:41740/callback", "s", "n", null));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Location")).isEmpty();
    assertThat(page.body()).contains("redirect_mismatch");
  }

  @Test
  void aWrongPasswordShowsThePageAgainAndCancelIsAccessDenied() throws Exception {
    HttpResponse<String> page = get(authorizeUrl(REDIRECT, "state-3", "n", null));
    HttpResponse<String> again = submitLogin(page.body(), "alice", "nope");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("Incorrect username or password.");

    HttpResponse<String> cancelled =
        post(site + "/login", Map.of("request", handle(again.body()), "action", "cancel"));

    Map<String, String> query = query(cancelled.headers().firstValue("Location").orElseThrow());
    assertThat(query).containsEntry("error", "access_denied").containsEntry("state", "state-3");
  }

  @Test
  void aTemporaryPasswordLeadsToAChangePasswordPageThatCompletesTheSignIn() throws Exception {
    HttpResponse<String> change = signInWithATemporaryPassword("tina", "state-6", "nonce-6");
    assertThat(change.statusCode()).isEqualTo(200);
    assertThat(change.headers().firstValue("Location")).as("no code yet").isEmpty();
    assertThat(change.body()).contains("<title>Change password</title>", "id=\"newPassword\"");

    HttpResponse<String> mismatch = changePassword(handle(change.body()), "Tina-Passw0rd!1", "x");
    assertThat(mismatch.body()).contains("The passwords do not match.");
    HttpResponse<String> weak = changePassword(handle(mismatch.body()), "short", "short");
    assertThat(weak.body()).contains("Password does not conform to policy");
    String handle = handle(weak.body());
    HttpResponse<String> done = changePassword(handle, "Tina-Passw0rd!1", "Tina-Passw0rd!1");

    Map<String, String> query = query(done.headers().firstValue("Location").orElseThrow());
    assertThat(query).containsEntry("state", "state-6");
    JsonNode tokens = Json.MAPPER.readTree(token(query.get("code"), VERIFIER, REDIRECT).body());
    SignedJWT idToken = SignedJWT.parse(tokens.path("id_token").asText());
    assertThat(idToken.getJWTClaimsSet().getStringClaim("cognito:username")).isEqualTo("tina");
    assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("nonce-6");
    assertThat(idp.adminGetUser(r -> r.userPoolId(poolId).username("tina")).userStatus())
        .isEqualTo(UserStatusType.CONFIRMED);
    assertThat(changePassword(handle, "Tina-Passw0rd!2", "Tina-Passw0rd!2").statusCode())
        .as("the page is used up")
        .isEqualTo(400);
    assertThat(signInOnLoginPage("tina", "Tina-Passw0rd!1", "state-7", "nonce-7"))
        .as("the new password signs in without the change page")
        .isNotBlank();
  }

  @Test
  void aChangePasswordPageCanBeCancelled() throws Exception {
    HttpResponse<String> change = signInWithATemporaryPassword("tom", "state-8", "n");

    HttpResponse<String> cancelled =
        post(
            site + "/changePassword", Map.of("request", handle(change.body()), "action", "cancel"));

    Map<String, String> query = query(cancelled.headers().firstValue("Location").orElseThrow());
    assertThat(query).containsEntry("error", "access_denied").containsEntry("state", "state-8");
    assertThat(idp.adminGetUser(r -> r.userPoolId(poolId).username("tom")).userStatus())
        .isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
  }

  /** A new user whose password is temporary signs in on the login page: the answer to that. */
  private static HttpResponse<String> signInWithATemporaryPassword(
      String username, String state, String nonce) throws Exception {
    idp.adminCreateUser(
        r -> r.userPoolId(poolId).username(username).temporaryPassword("Tmp-Passw0rd!"));
    HttpResponse<String> page = get(authorizeUrl(REDIRECT, state, nonce, null));
    return submitLogin(page.body(), username, "Tmp-Passw0rd!");
  }

  private static HttpResponse<String> submitLogin(String page, String username, String password)
      throws Exception {
    return post(
        site + "/login",
        Map.of(
            "request",
            handle(page),
            "username",
            username,
            "password",
            password,
            "action",
            "signIn"));
  }

  private static HttpResponse<String> changePassword(
      String handle, String newPassword, String confirmPassword) throws Exception {
    return post(
        site + "/changePassword",
        Map.of(
            "request",
            handle,
            "newPassword",
            newPassword,
            "confirmPassword",
            confirmPassword,
            "action",
            "changePassword"));
  }

  @Test
  void refreshTokensWorkUntilRevoked() throws Exception {
    String code = signInOnLoginPage("alice", "Alice-Passw0rd!", "state-4", "nonce-4");
    String refresh =
        Json.MAPPER.readTree(token(code, VERIFIER, REDIRECT).body()).path("refresh_token").asText();

    HttpResponse<String> refreshed =
        post(
            site + "/oauth2/token",
            Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refresh));
    String access = Json.MAPPER.readTree(refreshed.body()).path("access_token").asText();
    HttpResponse<String> info =
        http.send(
            HttpRequest.newBuilder(URI.create(site + "/oauth2/userInfo"))
                .header("Authorization", "Bearer " + access)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> revoked =
        post(site + "/oauth2/revoke", Map.of("token", refresh, "client_id", clientId));
    HttpResponse<String> afterRevoke =
        post(
            site + "/oauth2/token",
            Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refresh));

    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(refreshed.body()).has("id_token")).isTrue();
    assertThat(info.body()).contains("\"username\":\"alice\"");
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(afterRevoke.statusCode()).isEqualTo(400);
    assertThat(afterRevoke.body()).contains("invalid_grant");
  }

  @Test
  void aFederatedSignInMakesAnExternalProviderUserNamedAfterTheProvider() throws Exception {
    HttpResponse<String> toProvider = get(authorizeUrl(REDIRECT, "state-5", "nonce-5", "Corp"));
    String providerAuthorize = toProvider.headers().firstValue("Location").orElseThrow();
    assertThat(providerAuthorize).startsWith(cognito.endpoint() + "/_oidc/corp/authorize?");
    HttpResponse<String> providerPage = get(providerAuthorize);
    HttpResponse<String> backToPool =
        post(
            cognito.endpoint() + "/_oidc/corp/login",
            Map.of(
                "request",
                handle(providerPage.body()),
                "username",
                "carol",
                "password",
                "Carol-Passw0rd!",
                "action",
                "signIn"));
    HttpResponse<String> backToApp = get(backToPool.headers().firstValue("Location").orElseThrow());
    Map<String, String> query = query(backToApp.headers().firstValue("Location").orElseThrow());

    assertThat(query).containsEntry("state", "state-5").containsKey("code");
    JsonNode tokens = Json.MAPPER.readTree(token(query.get("code"), VERIFIER, REDIRECT).body());
    String sub = cognito.oidcProviders().find("corp").orElseThrow().subOf("carol");
    var user = idp.adminGetUser(r -> r.userPoolId(poolId).username("Corp_" + sub));
    assertThat(user.userStatus()).isEqualTo(UserStatusType.EXTERNAL_PROVIDER);
    assertThat(user.userAttributes())
        .anyMatch(a -> a.name().equals("email") && a.value().equals("carol@corp.example"));
    assertThat(
            SignedJWT.parse(tokens.path("id_token").asText())
                .getJWTClaimsSet()
                .getStringClaim("cognito:username"))
        .isEqualTo("Corp_" + sub);
  }

  @Test
  void anIdentityPoolTrustingTheOidcProviderDirectlyAcceptsItsIdToken() throws Exception {
    var provider =
        cognito
            .oidcProviders()
            .create("direct")
            .client("direct-client", null, REDIRECT)
            .user("dave", "Dave-Passw0rd!", Map.of());
    String loginsKey = provider.issuer().replaceFirst("^http://", "");
    String identityPoolId =
        identity
            .createIdentityPool(
                r ->
                    r.identityPoolName("direct")
                        .allowUnauthenticatedIdentities(false)
                        .openIdConnectProviderARNs(
                            "arn:aws:iam::111122223333:oidc-provider/" + loginsKey))
            .identityPoolId();
    identity.setIdentityPoolRoles(
        r ->
            r.identityPoolId(identityPoolId)
                .roles(Map.of("authenticated", "arn:aws:iam::111122223333:role/direct")));
    HttpResponse<String> page =
        get(
            provider.issuer()
                + "/authorize?response_type=code&client_id=direct-client&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=openid&state=s&nonce=n&code_challenge="
                + Pkce.s256(VERIFIER)
                + "&code_challenge_method=S256");
    HttpResponse<String> back =
        post(
            provider.issuer() + "/login",
            Map.of(
                "request",
                handle(page.body()),
                "username",
                "dave",
                "password",
                "Dave-Passw0rd!",
                "action",
                "signIn"));
    String code = query(back.headers().firstValue("Location").orElseThrow()).get("code");
    String idToken =
        Json.MAPPER
            .readTree(
                post(
                        provider.issuer() + "/token",
                        Map.of(
                            "grant_type",
                            "authorization_code",
                            "client_id",
                            "direct-client",
                            "code",
                            code,
                            "redirect_uri",
                            REDIRECT,
                            "code_verifier",
                            VERIFIER))
                    .body())
            .path("id_token")
            .asText();

    String identityId =
        identity
            .getId(r -> r.identityPoolId(identityPoolId).logins(Map.of(loginsKey, idToken)))
            .identityId();
    var credentials =
        identity
            .getCredentialsForIdentity(
                r -> r.identityId(identityId).logins(Map.of(loginsKey, idToken)))
            .credentials();

    assertThat(credentials.accessKeyId()).startsWith("ASIA");
  }

  @Test
  void theDemoSeedSignsInThroughItsCorpProviderWithTheLicenceMapped() throws Exception {
    try (LocalCognito demo = LocalCognito.builder().demo().start()) {
      String demoSite = demo.endpoint() + "/_domain/demo";
      HttpResponse<String> toProvider =
          get(
              demoSite
                  + "/oauth2/authorize?response_type=code&client_id=demo0client0id0000000000aa"
                  + "&redirect_uri="
                  + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                  + "&scope=openid&state=s&nonce=n&identity_provider=Corp");
      HttpResponse<String> providerPage =
          get(toProvider.headers().firstValue("Location").orElseThrow());
      HttpResponse<String> backToPool =
          post(
              demo.endpoint() + "/_oidc/corp/login",
              Map.of(
                  "request", handle(providerPage.body()),
                  "username", "corp-user",
                  "password", "Corp-Passw0rd!",
                  "action", "signIn"));
      HttpResponse<String> backToApp =
          get(backToPool.headers().firstValue("Location").orElseThrow());
      String code = query(backToApp.headers().firstValue("Location").orElseThrow()).get("code");
      HttpResponse<String> tokens =
          post(
              demoSite + "/oauth2/token",
              Map.of(
                  "grant_type",
                  "authorization_code",
                  "client_id",
                  "demo0client0id0000000000aa",
                  "code",
                  code,
                  "redirect_uri",
                  REDIRECT));

      JsonNode body = Json.MAPPER.readTree(tokens.body());
      assertThat(
              SignedJWT.parse(body.path("id_token").asText())
                  .getJWTClaimsSet()
                  .getStringClaim("custom:isLicensed"))
          .isEqualTo("1");
    }
  }

  private String signInOnLoginPage(String username, String password, String state, String nonce)
      throws Exception {
    HttpResponse<String> page = get(authorizeUrl(REDIRECT, state, nonce, null));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    HttpResponse<String> redirect = submitLogin(page.body(), username, password);
    Map<String, String> query = query(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(query).containsEntry("state", state);
    return query.get("code");
  }

  private static String authorizeUrl(String redirect, String state, String nonce, String provider) {
    return site
        + "/oauth2/authorize?response_type=code&client_id="
        + clientId
        + "&redirect_uri="
        + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
        + "&scope=openid+email&state="
        + state
        + "&nonce="
        + nonce
        + "&code_challenge="
        + Pkce.s256(VERIFIER)
        + "&code_challenge_method=S256"
        + (provider == null ? "" : "&identity_provider=" + provider);
  }

  private static HttpResponse<String> token(String code, String verifier, String redirect)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", clientId);
    form.put("code", code);
    form.put("redirect_uri", redirect);
    form.put("code_verifier", verifier);
    return post(site + "/oauth2/token", form);
  }

  private static String handle(String page) {
    Matcher m = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as(page).isTrue();
    return m.group(1);
  }

  private static Map<String, String> query(String location) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package dev.cognitocreds.localcognito.hostedui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.oauth.ClientAuthentication;
import dev.cognitocreds.localcognito.oauth.Html;
import dev.cognitocreds.localcognito.oauth.OAuthAnswers;
import dev.cognitocreds.localcognito.oauth.OAuthError;
import dev.cognitocreds.localcognito.oauth.Pkce;
import dev.cognitocreds.localcognito.oauth.SingleUse;
import dev.cognitocreds.localcognito.userpool.HostedUiDirectory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user pool's hosted UI, served for the domain prefix {@code <d>} at {@code
 * http://127.0.0.1:PORT/_domain/<d>}: {@code /oauth2/authorize} (a plain login page, or the
 * redirect to a federated provider), {@code /oauth2/idpresponse}, {@code /oauth2/token}, {@code
 * /oauth2/revoke}, {@code /oauth2/userInfo}, {@code /logout}; the page that replaces a temporary
 * password; and each pool's OpenID configuration next to its JWKS.
 */
public final class HostedUi {
  private static final Logger LOG = LoggerFactory.getLogger(HostedUi.class);
  private static final String PREFIX = "/_domain/{domain}";

  /** A code issued to an app client: single use, five minutes, as Cognito's. */
  private record Code(AuthorizeRequest request, String username) {}

  /** A user who signed in with a temporary password and must choose a new one. */
  private record PasswordChange(
      AuthorizeRequest request, String username, List<String> missingAttributes) {}

  /** A round trip through a federated provider. */
  private record Federation(AuthorizeRequest request, String provider, String nonce) {}

  private final HostedUiDirectory directory;
  private final Supplier<String> base;
  private final SingleUse<AuthorizeRequest> pages;
  private final SingleUse<Code> codes;
  private final SingleUse<PasswordChange> passwordChanges;
  private final SingleUse<Federation> federations;
  private final FederatedSignIns federated;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public HostedUi(HostedUiDirectory directory, Supplier<String> base, Clock clock) {
    this.directory = directory;
    this.base = base;
    this.pages = new SingleUse<>(clock, Duration.ofMinutes(15));
    this.codes = new SingleUse<>(clock, Duration.ofMinutes(5));
    this.passwordChanges = new SingleUse<>(clock, Duration.ofMinutes(15));
    this.federations = new SingleUse<>(clock, Duration.ofMinutes(15));
    this.federated = new FederatedSignIns(clock, base);
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get(PREFIX + "/oauth2/authorize", this::authorize);
    routes.get(PREFIX + "/login", this::authorize);
    routes.post(PREFIX + "/login", this::login);
    routes.post(PREFIX + "/changePassword", this::changePassword);
    routes.get(PREFIX + "/oauth2/idpresponse", this::idpResponse);
    routes.post(PREFIX + "/oauth2/token", ctx -> OAuthAnswers.json(ctx, clock, () -> token(ctx)));
    routes.post(PREFIX + "/oauth2/revoke", ctx -> OAuthAnswers.json(ctx, clock, () -> revoke(ctx)));
    routes.get(PREFIX + "/oauth2/userInfo", this::userInfo);
    routes.get(PREFIX + "/logout", this::logout);
    routes.get("/{poolId}/.well-known/openid-configuration", this::openIdConfiguration);
  }

  private void authorize(Context ctx) {
    String domain = ctx.pathParam("domain");
    String poolId = directory.poolOfDomain(domain).orElse(null);
    if (poolId == null) {
      ctx.status(404)
          .html(Html.message("Not found", "No user pool has the domain " + domain + "."));
      return;
    }
    String redirectUri = ctx.queryParam("redirect_uri");
    HostedUiDirectory.Client client =
        directory.client(poolId, String.valueOf(ctx.queryParam("client_id"))).orElse(null);
    if (client == null || redirectUri == null || !client.callbackUrls().contains(redirectUri)) {
      // Cognito's own error page: an address the client did not register is never redirected to
      LOG.info("authorize -> 400 redirect_mismatch");
      ctx.status(400)
          .html(
              Html.message(
                  "An error was encountered with the requested page.",
                  "redirect_mismatch: the redirect_uri is not one of the app client's callback"
                      + " URLs."));
      return;
    }
    String state = ctx.queryParam("state");
    if (!"code".equals(ctx.queryParam("response_type"))) {
      OAuthAnswers.error(ctx, redirectUri, state, "unsupported_response_type", null);
      return;
    }
    if (!client.oauthEnabled() || !client.flows().contains("code")) {
      OAuthAnswers.error(ctx, redirectUri, state, "unauthorized_client", null);
      return;
    }
    String scope = ctx.queryParam("scope");
    List<String> scopes = scope == null ? client.scopes() : Arrays.asList(scope.trim().split(" +"));
    if (!client.scopes().containsAll(scopes)) {
      OAuthAnswers.error(ctx, redirectUri, state, "invalid_scope", null);
      return;
    }
    String challenge = ctx.queryParam("code_challenge");
    String method =
        ctx.queryParamAsClass("code_challenge_method", String.class).getOrDefault("plain");
    if (challenge != null && !Pkce.knownMethod(method)) {
      OAuthAnswers.error(
          ctx, redirectUri, state, "invalid_request", "unknown code_challenge_method");
      return;
    }
    AuthorizeRequest request =
        new AuthorizeRequest(
            domain,
            poolId,
            client.clientId(),
            redirectUri,
            state,
            ctx.queryParam("nonce"),
            String.join(" ", scopes),
            challenge,
            method);
    String idp = ctx.queryParam("identity_provider");
    if (idp == null || "COGNITO".equals(idp)) {
      if (idp == null
          && !client.identityProviders().contains("COGNITO")
          && client.identityProviders().size() == 1) {
        federate(ctx, request, client.identityProviders().get(0));
        return;
      }
      if (!client.identityProviders().contains("COGNITO")) {
        OAuthAnswers.error(
            ctx, redirectUri, state, "invalid_request", "COGNITO is not a supported provider");
        return;
      }
      ctx.html(loginPage(request, pages.put(request), null));
      return;
    }
    if (!client.identityProviders().contains(idp)) {
      OAuthAnswers.error(
          ctx, redirectUri, state, "invalid_request", "unsupported identity_provider");
      return;
    }
    federate(ctx, request, idp);
  }

  private void federate(Context ctx, AuthorizeRequest request, String providerName) {
    HostedUiDirectory.Provider provider =
        directory.identityProvider(request.poolId(), providerName).orElse(null);
    if (provider == null) {
      OAuthAnswers.error(
          ctx,
          request.redirectUri(),
          request.state(),
          "invalid_request",
          "unknown identity_provider");
      return;
    }
    String nonce = randomNonce();
    String state = federations.put(new Federation(request, providerName, nonce));
    try {
      ctx.redirect(
          federated.authorizeUrl(provider, idpResponse(request.domain()), state, nonce),
          HttpStatus.FOUND);
    } catch (OAuthError e) {
      OAuthAnswers.error(
          ctx, request.redirectUri(), request.state(), "server_error", e.getMessage());
    }
  }

  private void idpResponse(Context ctx) {
    Federation federation = federations.take(ctx.queryParam("state")).orElse(null);
    if (federation == null) {
      ctx.status(400)
          .html(Html.message("Sign-in error", "This sign-in has expired or was already finished."));
      return;
    }
    AuthorizeRequest request = federation.request();
    String error = ctx.queryParam("error");
    if (error != null) {
      OAuthAnswers.error(
          ctx,
          request.redirectUri(),
          request.state(),
          error,
          ctx.queryParamAsClass("error_description", String.class).getOrDefault(error));
      return;
    }
    try {
      HostedUiDirectory.Provider provider =
          directory.identityProvider(request.poolId(), federation.provider()).orElseThrow();
      FederatedSignIns.Identity identity =
          federated.exchange(
              provider,
              String.valueOf(ctx.queryParam("code")),
              idpResponse(request.domain()),
              federation.nonce());
      Map<String, String> attributes = new LinkedHashMap<>();
      Map<String, String> mapping =
          provider.attributeMapping().isEmpty()
              ? Map.of("email", "email")
              : provider.attributeMapping();
      mapping.forEach(
          (attribute, claim) -> {
            Object value = identity.claims().get(claim);
            if (value != null) {
              attributes.put(attribute, value.toString());
            }
          });
      String username =
          directory.federatedUser(
              request.poolId(), federation.provider(), identity.sub(), attributes);
      LOG.info("idpresponse -> federated user {} signed in", username);
      redirectCode(ctx, request, username);
    } catch (OAuthError | CognitoException e) {
      OAuthAnswers.error(
          ctx, request.redirectUri(), request.state(), "invalid_request", e.getMessage());
    }
  }

  private void login(Context ctx) {
    AuthorizeRequest request = pages.take(ctx.formParam("request")).orElse(null);
    if (request == null || !request.domain().equals(ctx.pathParam("domain"))) {
      ctx.status(400)
          .html(Html.message("Sign-in error", "This sign-in page has expired: start again."));
      return;
    }
    if ("cancel".equals(ctx.formParam("action"))) {
      OAuthAnswers.error(
          ctx, request.redirectUri(), request.state(), "access_denied", "User cancelled");
      return;
    }
    try {
      HostedUiDirectory.PasswordSignIn signIn =
          directory.passwordSignIn(
              request.poolId(),
              ctx.formParamAsClass("username", String.class).getOrDefault(""),
              ctx.formParamAsClass("password", String.class).getOrDefault(""));
      if (signIn.newPasswordRequired()) {
        LOG.info("login -> {} has a temporary password: change password page", signIn.username());
        PasswordChange change =
            new PasswordChange(request, signIn.username(), signIn.missingAttributes());
        ctx.html(changePasswordPage(change, passwordChanges.put(change), null));
        return;
      }
      LOG.info("login -> {} signed in on the hosted UI", signIn.username());
      redirectCode(ctx, request, signIn.username());
    } catch (CognitoException e) {
      LOG.info("login -> refused: {}", e.getMessage());
      ctx.html(loginPage(request, pages.put(request), e.getMessage()));
    }
  }

  /** The second page of a first sign-in with a temporary password, as Cognito's hosted UI has. */
  private void changePassword(Context ctx) {
    PasswordChange change = passwordChanges.take(ctx.formParam("request")).orElse(null);
    if (change == null || !change.request().domain().equals(ctx.pathParam("domain"))) {
      ctx.status(400)
          .html(Html.message("Sign-in error", "This sign-in page has expired: start again."));
      return;
    }
    AuthorizeRequest request = change.request();
    if ("cancel".equals(ctx.formParam("action"))) {
      OAuthAnswers.error(
          ctx, request.redirectUri(), request.state(), "access_denied", "User cancelled");
      return;
    }
    String password = ctx.formParamAsClass("newPassword", String.class).getOrDefault("");
    if (!password.equals(ctx.formParam("confirmPassword"))) {
      ctx.html(
          changePasswordPage(change, passwordChanges.put(change), "The passwords do not match."));
      return;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String attribute : change.missingAttributes()) {
      String value = ctx.formParam(Html.ATTRIBUTE_FIELD + attribute);
      if (value != null && !value.isBlank()) {
        attributes.put(attribute, value.trim());
      }
    }
    try {
      directory.replaceTemporaryPassword(request.poolId(), change.username(), password, attributes);
      LOG.info("changePassword -> {} chose a password and signed in", change.username());
      redirectCode(ctx, request, change.username());
    } catch (CognitoException e) {
      LOG.info("changePassword -> refused: {}", e.getMessage());
      ctx.html(changePasswordPage(change, passwordChanges.put(change), e.getMessage()));
    }
  }

  private Map<String, Object> token(Context ctx) {
    String poolId = pool(ctx);
    ClientAuthentication caller = ClientAuthentication.of(ctx);
    HostedUiDirectory.Client client =
        directory
            .client(poolId, caller.clientId())
            .orElseThrow(() -> new OAuthError("invalid_client", "Client not found."));
    caller.require(client.secret());
    String grantType = ctx.formParam("grant_type");
    try {
      if ("refresh_token".equals(grantType)) {
        return map(
            directory.refresh(client.clientId(), String.valueOf(ctx.formParam("refresh_token"))));
      }
      if (!"authorization_code".equals(grantType)) {
        throw new OAuthError("unsupported_grant_type", "Unsupported grant_type.");
      }
      Code code =
          codes
              .take(ctx.formParam("code"))
              .filter(c -> c.request().poolId().equals(poolId))
              .orElseThrow(() -> new OAuthError("invalid_grant", "Invalid or used code."));
      AuthorizeRequest request = code.request();
      if (!request.clientId().equals(client.clientId())
          || !request.redirectUri().equals(ctx.formParam("redirect_uri"))) {
        throw new OAuthError(
            "invalid_grant", "The code belongs to another client or redirect_uri.");
      }
      if (!Pkce.matches(request.challenge(), request.method(), ctx.formParam("code_verifier"))) {
        throw new OAuthError("invalid_grant", "The code_verifier does not match.");
      }
      return map(
          directory.issue(client.clientId(), code.username(), request.scope(), request.nonce()));
    } catch (CognitoException e) {
      throw new OAuthError("invalid_grant", e.getMessage());
    }
  }

  private Map<String, Object> revoke(Context ctx) {
    String poolId = pool(ctx);
    ClientAuthentication caller = ClientAuthentication.of(ctx);
    HostedUiDirectory.Client client =
        directory
            .client(poolId, caller.clientId())
            .orElseThrow(() -> new OAuthError("invalid_client", "Client not found."));
    caller.require(client.secret());
    String token = ctx.formParam("token");
    if (token == null) {
      throw new OAuthError("invalid_request", "token is required.");
    }
    directory.revoke(client.clientId(), token);
    return Map.of();
  }

  private void userInfo(Context ctx) {
    pool(ctx);
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      ctx.status(401).header("WWW-Authenticate", "Bearer").result("");
      return;
    }
    try {
      ctx.contentType("application/json")
          .result(Json.MAPPER.writeValueAsString(directory.userInfo(header.substring(7).trim())));
    } catch (CognitoException e) {
      ctx.status(401)
          .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
          .contentType("application/json")
          .result(
              "{\"error\":\"invalid_token\",\"error_description\":\"Access token is invalid\"}");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void logout(Context ctx) {
    String poolId = pool(ctx);
    HostedUiDirectory.Client client =
        directory.client(poolId, String.valueOf(ctx.queryParam("client_id"))).orElse(null);
    String logoutUri = ctx.queryParam("logout_uri");
    if (client == null || logoutUri == null || !client.logoutUrls().contains(logoutUri)) {
      ctx.status(400)
          .html(
              Html.message(
                  "An error was encountered with the requested page.", "Invalid logout_uri."));
      return;
    }
    // the hosted UI keeps no browser session, so there is nothing else to end
    ctx.redirect(logoutUri, HttpStatus.FOUND);
  }

  private void openIdConfiguration(Context ctx) {
    String poolId = ctx.pathParam("poolId");
    String issuer;
    try {
      issuer = directory.issuer(poolId);
    } catch (CognitoException e) {
      ctx.status(404)
          .contentType("application/json")
          .result("{\"message\":\"User pool not found\"}");
      return;
    }
    ObjectNode document =
        Json.object()
            .put("issuer", issuer)
            .put("jwks_uri", base.get() + "/" + poolId + "/.well-known/jwks.json");
    directory
        .domainOfPool(poolId)
        .ifPresent(
            domain -> {
              String site = base.get() + "/_domain/" + domain;
              document
                  .put("authorization_endpoint", site + "/oauth2/authorize")
                  .put("token_endpoint", site + "/oauth2/token")
                  .put("revocation_endpoint", site + "/oauth2/revoke")
                  .put("userinfo_endpoint", site + "/oauth2/userInfo")
                  .put("end_session_endpoint", site + "/logout");
            });
    document.putArray("response_types_supported").add("code");
    document.putArray("subject_types_supported").add("public");
    document.putArray("id_token_signing_alg_values_supported").add("RS256");
    document.putArray("scopes_supported").add("openid").add("email").add("phone").add("profile");
    document.putArray("code_challenge_methods_supported").add("S256");
    ctx.contentType("application/json").result(document.toString());
  }

  private void redirectCode(Context ctx, AuthorizeRequest request, String username) {
    OAuthAnswers.code(
        ctx, request.redirectUri(), codes.put(new Code(request, username)), request.state());
  }

  private String pool(Context ctx) {
    return directory
        .poolOfDomain(ctx.pathParam("domain"))
        .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no user pool has this domain"));
  }

  private String idpResponse(String domain) {
    return base.get() + "/_domain/" + domain + "/oauth2/idpresponse";
  }

  private String randomNonce() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String loginPage(AuthorizeRequest request, String handle, String error) {
    return Html.loginPage(
        "Sign in",
        "/_domain/" + request.domain() + "/login",
        Map.of("request", handle),
        error,
        true);
  }

  private static String changePasswordPage(PasswordChange change, String handle, String error) {
    return Html.newPasswordPage(
        "Change password",
        "/_domain/" + change.request().domain() + "/changePassword",
        Map.of("request", handle),
        change.missingAttributes(),
        error);
  }

  private static Map<String, Object> map(ObjectNode node) {
    return Json.MAPPER.convertValue(
        node, Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }
}

package dev.cognitocreds.localcognito.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.oauth.ClientAuthentication;
import dev.cognitocreds.localcognito.oauth.Html;
import dev.cognitocreds.localcognito.oauth.OAuthAnswers;
import dev.cognitocreds.localcognito.oauth.OAuthError;
import dev.cognitocreds.localcognito.oauth.Pkce;
import dev.cognitocreds.localcognito.oauth.SingleUse;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of the stand-in providers: discovery, JWKS, a login page, the authorization code
 * flow with PKCE, refresh tokens and revocation.
 */
final class OidcRoutes {
  private static final String PREFIX = "/_oidc/{provider}";

  /** An authorization request waiting for the person to sign in on the login page. */
  private record Pending(
      String provider,
      String clientId,
      String redirectUri,
      String state,
      String nonce,
      String scope,
      String challenge,
      String method) {}

  private record Code(Pending request, String username) {}

  private final OidcProviders providers;
  private final SingleUse<Pending> pending;
  private final SingleUse<Code> codes;
  private final Clock clock;

  OidcRoutes(OidcProviders providers, Clock clock) {
    this.providers = providers;
    this.pending = new SingleUse<>(clock, Duration.ofMinutes(15));
    this.codes = new SingleUse<>(clock, Duration.ofMinutes(5));
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get(PREFIX + "/.well-known/openid-configuration", this::discovery);
    routes.get(PREFIX + "/jwks", this::jwks);
    routes.get(PREFIX + "/authorize", this::authorize);
    routes.post(PREFIX + "/login", this::login);
    routes.post(PREFIX + "/token", ctx -> OAuthAnswers.json(ctx, clock, () -> token(ctx)));
    routes.post(PREFIX + "/revoke", ctx -> OAuthAnswers.json(ctx, clock, () -> revoke(ctx)));
  }

  private void discovery(Context ctx) {
    StandInProvider provider = provider(ctx);
    String issuer = provider.issuer();
    var document =
        Json.object()
            .put("issuer", issuer)
            .put("authorization_endpoint", issuer + "/authorize")
            .put("token_endpoint", issuer + "/token")
            .put("revocation_endpoint", issuer + "/revoke")
            .put("jwks_uri", issuer + "/jwks");
    document.putArray("response_types_supported").add("code");
    document.putArray("subject_types_supported").add("public");
    document.putArray("id_token_signing_alg_values_supported").add("RS256");
    document.putArray("scopes_supported").add("openid").add("email").add("profile");
    document.putArray("code_challenge_methods_supported").add("S256");
    document.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
    ctx.contentType("application/json").result(document.toString());
  }

  private void jwks(Context ctx) {
    ctx.contentType("application/json").result(new JWKSet(provider(ctx).publicKey()).toString());
  }

  private void authorize(Context ctx) {
    StandInProvider provider = provider(ctx);
    String clientId = ctx.queryParam("client_id");
    String redirectUri = ctx.queryParam("redirect_uri");
    Optional<StandInProvider.Client> client =
        clientId == null ? Optional.empty() : provider.findClient(clientId);
    if (client.isEmpty() || !client.get().redirectUris().contains(redirectUri)) {
      // never redirect to an address the client did not register
      ctx.status(400)
          .html(Html.message("Sign-in error", "Unknown client_id or unregistered redirect_uri."));
      return;
    }
    String state = ctx.queryParam("state");
    String scope = ctx.queryParamAsClass("scope", String.class).getOrDefault("openid");
    String method =
        ctx.queryParamAsClass("code_challenge_method", String.class).getOrDefault("plain");
    if (!"code".equals(ctx.queryParam("response_type"))) {
      OAuthAnswers.error(
          ctx, redirectUri, state, "unsupported_response_type", "response_type must be code");
      return;
    }
    if (!Arrays.asList(scope.split(" ")).contains("openid")) {
      OAuthAnswers.error(ctx, redirectUri, state, "invalid_scope", "scope must include openid");
      return;
    }
    if (ctx.queryParam("code_challenge") != null && !Pkce.knownMethod(method)) {
      OAuthAnswers.error(
          ctx, redirectUri, state, "invalid_request", "unknown code_challenge_method");
      return;
    }
    Pending request =
        new Pending(
            provider.name(),
            clientId,
            redirectUri,
            state,
            ctx.queryParam("nonce"),
            scope,
            ctx.queryParam("code_challenge"),
            method);
    ctx.html(loginPage(provider, pending.put(request), null));
  }

  private void login(Context ctx) {
    StandInProvider provider = provider(ctx);
    Pending request = pending.take(ctx.formParam("request")).orElse(null);
    if (request == null || !request.provider().equals(provider.name())) {
      ctx.status(400)
          .html(Html.message("Sign-in error", "This sign-in page has expired: start again."));
      return;
    }
    if ("cancel".equals(ctx.formParam("action"))) {
      OAuthAnswers.error(
          ctx, request.redirectUri(), request.state(), "access_denied", "The user cancelled.");
      return;
    }
    String username = ctx.formParamAsClass("username", String.class).getOrDefault("");
    String password = ctx.formParamAsClass("password", String.class).getOrDefault("");
    boolean valid =
        provider
            .account(username)
            .map(account -> account.password().equals(password))
            .orElse(false);
    if (!valid) {
      ctx.html(loginPage(provider, pending.put(request), "Wrong username or password."));
      return;
    }
    OAuthAnswers.code(
        ctx, request.redirectUri(), codes.put(new Code(request, username)), request.state());
  }

  private Map<String, Object> token(Context ctx) {
    StandInProvider provider = provider(ctx);
    ClientAuthentication caller = ClientAuthentication.of(ctx);
    StandInProvider.Client client =
        provider
            .findClient(caller.clientId())
            .orElseThrow(() -> new OAuthError("invalid_client", "Unknown client."));
    caller.require(client.secret());
    String grantType = ctx.formParam("grant_type");
    if ("refresh_token".equals(grantType)) {
      return provider
          .refresh(client.id(), ctx.formParam("refresh_token"))
          .orElseThrow(() -> new OAuthError("invalid_grant", "Invalid refresh token."));
    }
    if (!"authorization_code".equals(grantType)) {
      throw new OAuthError("unsupported_grant_type", "Unsupported grant_type.");
    }
    Code code =
        codes
            .take(ctx.formParam("code"))
            .filter(c -> c.request().provider().equals(provider.name()))
            .orElseThrow(() -> new OAuthError("invalid_grant", "Invalid or used code."));
    Pending request = code.request();
    if (!request.clientId().equals(client.id())
        || !request.redirectUri().equals(ctx.formParam("redirect_uri"))) {
      throw new OAuthError(
          "invalid_grant", "The code was issued to another client or redirect_uri.");
    }
    if (!Pkce.matches(request.challenge(), request.method(), ctx.formParam("code_verifier"))) {
      throw new OAuthError("invalid_grant", "The code_verifier does not match the code_challenge.");
    }
    return provider.issue(client.id(), code.username(), request.scope(), request.nonce());
  }

  private Map<String, Object> revoke(Context ctx) {
    StandInProvider provider = provider(ctx);
    ClientAuthentication caller = ClientAuthentication.of(ctx);
    StandInProvider.Client client =
        provider
            .findClient(caller.clientId())
            .orElseThrow(() -> new OAuthError("invalid_client", "Unknown client."));
    caller.require(client.secret());
    provider.revoke(client.id(), ctx.formParam("token"));
    return Map.of();
  }

  private StandInProvider provider(Context ctx) {
    return providers
        .find(ctx.pathParam("provider"))
        .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no such OIDC provider"));
  }

  private static String loginPage(StandInProvider provider, String handle, String error) {
    return Html.loginPage(
        "Sign in to " + provider.name(),
        "/_oidc/" + provider.name() + "/login",
        Map.of("request", handle),
        error,
        true);
  }
}

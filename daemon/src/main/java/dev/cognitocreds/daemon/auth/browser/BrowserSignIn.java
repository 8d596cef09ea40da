package dev.cognitocreds.daemon.auth.browser;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.ServerClock;
import dev.cognitocreds.daemon.auth.IdTokenClaims;
import dev.cognitocreds.daemon.auth.Tokens;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in through the browser, the daemon's half: the authorization-code flow with PKCE (S256),
 * {@code state} and {@code nonce}. The client binds the loopback listener and brings the code back;
 * the daemon builds the sign-in address, exchanges the code with the verifier, checks the ID token,
 * and for profiles without a user pool refreshes and revokes at the OIDC provider.
 */
public final class BrowserSignIn {

  /** What the client needs to run the browser half; {@code state} lets it ignore stray requests. */
  public record Started(
      String attempt, URI authorizeUrl, String state, URI redirectUri, Instant expiresAt) {}

  /** The user pool's hosted UI: an ID token, and the scope the account commands need. */
  private static final String USER_POOL_SCOPES = "openid aws.cognito.signin.user.admin";

  private static final Logger log = LoggerFactory.getLogger(BrowserSignIn.class);
  private static final Duration MAX_WAIT = Duration.ofHours(1);
  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final OAuthHttp http = new OAuthHttp();
  private final BrowserAttempts attempts;
  // built on the first browser sign-in: a daemon that never has one loads no JOSE classes
  private IdTokenVerifier verifier;
  private final Clock clock;

  public BrowserSignIn(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.attempts = new BrowserAttempts(clock, random);
  }

  private synchronized IdTokenVerifier verifier() {
    if (verifier == null) {
      verifier = new IdTokenVerifier(http::getText, clock);
    }
    return verifier;
  }

  /** A new attempt for {@code profile}, kept while the client waits ({@code wait}, capped). */
  public Started start(CognitoProfile profile, Duration wait) {
    OAuthEndpoints endpoints = OAuthEndpoints.of(profile, http);
    Duration kept = wait.plus(MARGIN).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.plus(MARGIN);
    URI redirectUri = profile.browser().redirectUri();
    BrowserAttempts.Attempt attempt =
        attempts.open(profile.name(), endpoints, redirectUri, clock.instant().plus(kept));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", endpoints.clientId());
    query.put("redirect_uri", redirectUri.toString());
    query.put("scope", profile.oidcOnly() ? oidcScopes(profile) : USER_POOL_SCOPES);
    query.put("state", attempt.state());
    query.put("nonce", attempt.nonce());
    query.put("code_challenge", BrowserAttempts.challenge(attempt.verifier()));
    query.put("code_challenge_method", "S256");
    if (!profile.oidcOnly()) {
      profile.browser().identityProvider().ifPresent(idp -> query.put("identity_provider", idp));
    }
    return new Started(
        attempt.id(),
        withQuery(endpoints.authorize(), query),
        attempt.state(),
        redirectUri,
        attempt.expiresAt());
  }

  /**
   * Exchanges the code of attempt {@code attempt} (after checking {@code state}) and returns the
   * tokens, their ID token verified.
   */
  public Tokens finish(CognitoProfile profile, String attempt, String state, String code) {
    BrowserAttempts.Attempt started = attempts.take(attempt, profile.name(), state);
    if (code == null || code.isBlank()) {
      throw Failure.badRequest("the request body needs \"code\" from the callback");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", started.endpoints().clientId());
    form.put("code", code);
    form.put("redirect_uri", started.redirectUri().toString());
    form.put("code_verifier", started.verifier());
    OAuthHttp.Answer answer;
    try {
      answer =
          http.postForm(
              started.endpoints().token(), form, started.endpoints().clientId(), secret(profile));
    } catch (OAuthHttp.Refused refused) {
      throw new Failure(
          Failure.Kind.SIGN_IN_REJECTED,
          "CodeRefused",
          "the sign-in provider refused the code ("
              + refused.error()
              + (refused.getMessage().isBlank() ? "" : ": " + refused.getMessage())
              + "): run `cognito-creds login --browser --profile "
              + profile.name()
              + "` again");
    }
    String idToken = text(answer.body(), "id_token", "the code exchange");
    Duration skew = skew(profile, answer);
    JWTClaimsSet claims = verifier().verify(idToken, started.endpoints(), started.nonce(), skew);
    if (!(answer.body().get("refresh_token") instanceof String)) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          "the sign-in provider gave no refresh token: "
              + (profile.oidcOnly()
                  ? "it may need the offline_access scope or a setting that allows refresh tokens"
                  : "check the app client's OAuth settings"));
    }
    Tokens tokens = tokens(answer.body(), skew, idToken, claims.getExpirationTime().toInstant());
    return profile.oidcOnly() ? withReadableName(tokens, claims) : tokens;
  }

  /**
   * An OIDC provider's user is shown by e-mail address or preferred name where the token has one
   * ({@code cognito:username} exists only in user-pool tokens).
   */
  private static Tokens withReadableName(Tokens tokens, JWTClaimsSet claims) {
    Object name = claims.getClaim("email");
    if (!(name instanceof String)) {
      name = claims.getClaim("preferred_username");
    }
    if (!(name instanceof String text) || text.isBlank()) {
      return tokens;
    }
    IdTokenClaims known = tokens.claims();
    return new Tokens(
        tokens.idToken(),
        tokens.accessToken(),
        tokens.refreshToken(),
        new IdTokenClaims(known.sub(), text, known.issuedAt(), known.expiresAt()),
        tokens.accessTokenExpiresAt());
  }

  /**
   * New tokens from the OIDC provider's token endpoint (profiles without a user pool; user-pool
   * sessions refresh through the user pool API). A refused refresh token is {@link
   * Failure.Kind#SIGNED_OUT}.
   */
  public Tokens refresh(CognitoProfile profile, String refreshToken) {
    OAuthEndpoints endpoints = OAuthEndpoints.of(profile, http);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", endpoints.clientId());
    form.put("refresh_token", refreshToken);
    OAuthHttp.Answer answer;
    try {
      answer = http.postForm(endpoints.token(), form, endpoints.clientId(), secret(profile));
    } catch (OAuthHttp.Refused refused) {
      throw new Failure(
          Failure.Kind.SIGNED_OUT,
          "SignedOut",
          Failure.signedOut(profile.name()).getMessage(),
          refused);
    }
    String idToken = text(answer.body(), "id_token", "the token refresh");
    IdTokenClaims claims = claims(idToken);
    return tokens(answer.body(), skew(profile, answer), idToken, claims.expiresAt());
  }

  /** Revokes the refresh token at the revocation endpoint (RFC 7009), when there is one. */
  public boolean revoke(CognitoProfile profile, String refreshToken) {
    OAuthEndpoints endpoints = OAuthEndpoints.of(profile, http);
    if (endpoints.revoke().isEmpty()) {
      return false;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", refreshToken);
    form.put("token_type_hint", "refresh_token");
    form.put("client_id", endpoints.clientId());
    try {
      http.postForm(endpoints.revoke().get(), form, endpoints.clientId(), secret(profile));
      return true;
    } catch (OAuthHttp.Refused refused) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          "UpstreamError",
          "the revocation endpoint refused the refresh token (" + refused.error() + ")");
    }
  }

  /**
   * The tokens of a token endpoint's answer, every instant on the issuer's clock as the ID token's
   * are (the session counts their lifetimes from when they arrived, on this machine's clock).
   */
  private Tokens tokens(
      Map<String, Object> answer, Duration skew, String idToken, Instant idExpires) {
    IdTokenClaims claims = claims(idToken);
    String accessToken = answer.get("access_token") instanceof String text ? text : null;
    Instant accessExpires =
        answer.get("expires_in") instanceof Number seconds
            ? clock.instant().minus(skew).plusSeconds(seconds.longValue())
            : idExpires;
    return new Tokens(
        idToken,
        accessToken,
        Optional.ofNullable(answer.get("refresh_token")).map(String::valueOf),
        claims,
        accessExpires);
  }

  /**
   * How far this machine's clock is ahead of the issuer's (negative: behind), from the token
   * endpoint's {@code Date} header; zero within {@link ServerClock}'s tolerance or without one.
   */
  private Duration skew(CognitoProfile profile, OAuthHttp.Answer answer) {
    Optional<Duration> skew = ServerClock.skew(answer.date(), clock.instant());
    if (skew.isEmpty()) {
      return Duration.ZERO;
    }
    log.warn(
        "profile {}: this machine's clock is {} the sign-in provider's: the ID token's times are"
            + " read on the provider's clock (set the clock right, e.g. with NTP)",
        profile.name(),
        ServerClock.describe(skew.get()));
    return skew.get();
  }

  private static IdTokenClaims claims(String idToken) {
    try {
      return IdTokenClaims.parse(idToken);
    } catch (IllegalArgumentException e) {
      throw new Failure(Failure.Kind.UPSTREAM_ERROR, "UpstreamError", e.getMessage(), e);
    }
  }

  private static Optional<String> secretOf(CognitoProfile profile) {
    return profile.oidcOnly() ? Optional.empty() : profile.clientSecret();
  }

  private static String secret(CognitoProfile profile) {
    return secretOf(profile).orElse(null);
  }

  /** {@code openid}, and {@code offline_access} where the provider offers it for refresh tokens. */
  private String oidcScopes(CognitoProfile profile) {
    URI issuer = profile.browser().oidcIssuer().orElseThrow();
    Object supported =
        http.getJson(URI.create(issuer + "/.well-known/openid-configuration"))
            .get("scopes_supported");
    boolean offline = supported instanceof List<?> list && list.contains("offline_access");
    return offline ? "openid offline_access" : "openid";
  }

  private static String text(Map<String, Object> answer, String member, String what) {
    if (answer.get(member) instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new Failure(
        Failure.Kind.UPSTREAM_ERROR,
        "UpstreamError",
        "the sign-in provider answered " + what + " without " + member);
  }

  private static URI withQuery(URI base, Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return URI.create(base + (base.getRawQuery() == null ? "?" : "&") + query);
  }
}

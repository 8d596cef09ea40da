package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

/**
 * What the daemon does with a signed-in user's tokens: refresh them, revoke them, sign out
 * everywhere.
 */
public final class UserPoolTokens {

  private static final Set<String> SIGNED_OUT_CODES =
      Set.of("NotAuthorizedException", "RefreshTokenReuseException");

  private final Function<CognitoProfile, CognitoIdentityProviderClient> clients;

  /** Refreshes and revokes for profiles signed in through the browser; may be null. */
  private final BrowserSignIn browser;

  /** App clients that rotate refresh tokens, learnt from Cognito's answer. */
  private final Set<String> rotating = ConcurrentHashMap.newKeySet();

  public UserPoolTokens(Function<CognitoProfile, CognitoIdentityProviderClient> clients) {
    this(clients, null);
  }

  /**
   * With {@code browser}: a profile without a user pool refreshes at its OIDC provider, and a
   * profile with a hosted-UI domain revokes at {@code <domain>/oauth2/revoke}.
   */
  public UserPoolTokens(
      Function<CognitoProfile, CognitoIdentityProviderClient> clients, BrowserSignIn browser) {
    this.clients = clients;
    this.browser = browser;
  }

  /**
   * New tokens from the refresh token. {@code username} is the name Cognito knows the user by,
   * which SECRET_HASH needs; {@code knownToRotate} is what the stored session remembers about the
   * app client, so a restarted daemon does not learn it again from a refused REFRESH_TOKEN_AUTH. A
   * refresh token Cognito rejects is a {@link Failure.Kind#SIGNED_OUT}. A new refresh token in the
   * answer means the app client rotates: the caller must store it before using anything that came
   * with it.
   */
  public Tokens refresh(
      CognitoProfile profile, String refreshToken, String username, boolean knownToRotate) {
    if (profile.oidcOnly() && browser != null) {
      return browser.refresh(profile, refreshToken);
    }
    // A hosted-UI sign-in's refresh token is a user-pool refresh token like any other: the same
    // REFRESH_TOKEN_AUTH (always allowed for app clients) keeps one path for rotation, SECRET_HASH
    // and the signed-out answer.
    try {
      return knownToRotate || rotating.contains(profile.clientId())
          ? refreshRotating(profile, refreshToken)
          : refreshWithInitiateAuth(profile, refreshToken, username);
    } catch (SdkException e) {
      if (UpstreamFailures.hasCode(e, "InvalidParameterException")
          && UpstreamFailures.message(e).contains("GetTokensFromRefreshToken")
          && rotating.add(profile.clientId())) {
        // the app client rotates refresh tokens, which only GetTokensFromRefreshToken does
        return refresh(profile, refreshToken, username, true);
      }
      // revoked, expired, or a rotated-out token replayed after the grace period
      // (NotAuthorizedException) or inside it where Cognito detects the reuse
      if (UpstreamFailures.hasCodeIn(e, SIGNED_OUT_CODES)) {
        throw new Failure(
            Failure.Kind.SIGNED_OUT,
            ErrorCodes.SIGNED_OUT,
            Failure.signedOut(profile.name()).getMessage(),
            e);
      }
      throw UpstreamFailures.translate(e, "token refresh");
    }
  }

  private Tokens refreshWithInitiateAuth(
      CognitoProfile profile, String refreshToken, String username) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("REFRESH_TOKEN", refreshToken);
    SecretHash.of(profile, username).ifPresent(hash -> parameters.put("SECRET_HASH", hash));
    InitiateAuthResponse response =
        clients
            .apply(profile)
            .initiateAuth(
                request ->
                    request
                        .clientId(profile.clientId())
                        .authFlow("REFRESH_TOKEN_AUTH")
                        .authParameters(parameters));
    if (response.authenticationResult() == null) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          ErrorCodes.UPSTREAM_ERROR,
          "Cognito answered the token refresh with a challenge ("
              + response.challengeNameAsString()
              + ")");
    }
    return Tokens.from(response.authenticationResult());
  }

  private Tokens refreshRotating(CognitoProfile profile, String refreshToken) {
    return Tokens.from(
        clients
            .apply(profile)
            .getTokensFromRefreshToken(
                request ->
                    request
                        .clientId(profile.clientId())
                        .clientSecret(profile.clientSecret().orElse(null))
                        .refreshToken(refreshToken))
            .authenticationResult());
  }

  /** Revokes the refresh token (and the tokens issued with it) at Cognito. */
  public void revoke(CognitoProfile profile, String refreshToken) {
    if (profile.browser().available() && browser != null) {
      if (browser.revoke(profile, refreshToken)) {
        return;
      }
      if (profile.oidcOnly()) {
        throw new Failure(
            Failure.Kind.UPSTREAM_ERROR,
            "UpstreamError",
            "the OIDC provider has no revocation endpoint; the session is forgotten here");
      }
    }
    try {
      clients
          .apply(profile)
          .revokeToken(
              request ->
                  request
                      .clientId(profile.clientId())
                      .clientSecret(profile.clientSecret().orElse(null))
                      .token(refreshToken));
    } catch (SdkException e) {
      throw UpstreamFailures.translate(e, "RevokeToken");
    }
  }

  /** Signs the user out of every device (all refresh tokens), given a valid access token. */
  public void signOutEverywhere(CognitoProfile profile, String accessToken) {
    try {
      clients.apply(profile).globalSignOut(request -> request.accessToken(accessToken));
    } catch (SdkException e) {
      throw UpstreamFailures.translate(e, "GlobalSignOut");
    }
  }
}

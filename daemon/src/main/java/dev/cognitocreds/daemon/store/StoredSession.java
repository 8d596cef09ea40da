package dev.cognitocreds.daemon.store;

import java.util.Optional;

/**
 * What a signed-in profile needs to survive a restart. {@code username} is the name Cognito knows
 * the user by (not an e-mail alias), which SECRET_HASH needs on refresh. {@code
 * rotatesRefreshTokens} (not secret) remembers that the app client rotates refresh tokens, so a
 * restarted daemon refreshes with GetTokensFromRefreshToken at once instead of learning it again
 * from a refused REFRESH_TOKEN_AUTH.
 */
public record StoredSession(
    String refreshToken,
    String username,
    String sub,
    Optional<String> identityId,
    String userPoolId,
    String clientId,
    boolean rotatesRefreshTokens) {

  /** A session of an app client not (yet) known to rotate refresh tokens. */
  public StoredSession(
      String refreshToken,
      String username,
      String sub,
      Optional<String> identityId,
      String userPoolId,
      String clientId) {
    this(refreshToken, username, sub, identityId, userPoolId, clientId, false);
  }

  public StoredSession withIdentityId(String id) {
    return new StoredSession(
        refreshToken, username, sub, Optional.of(id), userPoolId, clientId, rotatesRefreshTokens);
  }

  public StoredSession withRefreshToken(String token) {
    return new StoredSession(
        token, username, sub, identityId, userPoolId, clientId, rotatesRefreshTokens);
  }

  /** The token a rotation brought; only a rotating app client brings one. */
  public StoredSession withRotatedRefreshToken(String token) {
    return new StoredSession(token, username, sub, identityId, userPoolId, clientId, true);
  }

  @Override
  public String toString() {
    // never print the refresh token
    return "StoredSession["
        + username
        + ", "
        + identityId.orElse("-")
        + (rotatesRefreshTokens ? ", rotating" : "")
        + "]";
  }
}

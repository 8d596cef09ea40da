package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * The user-pool tokens of one sign-in or refresh. A refresh usually brings no new refresh token
 * (then it is empty and the old one stays valid). The access token has its own expiry: a pool may
 * issue access tokens that end long before the ID token, and Cognito refuses an expired one.
 */
public record Tokens(
    String idToken,
    String accessToken,
    Optional<String> refreshToken,
    IdTokenClaims claims,
    Instant accessTokenExpiresAt) {

  /** The tokens of a Cognito answer; an unreadable ID token is an upstream error. */
  static Tokens from(AuthenticationResultType result) {
    if (result == null || result.idToken() == null) {
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          ErrorCodes.UPSTREAM_ERROR,
          "Cognito's answer carries no ID token");
    }
    IdTokenClaims claims;
    try {
      claims = IdTokenClaims.parse(result.idToken());
    } catch (IllegalArgumentException e) {
      throw new Failure(Failure.Kind.UPSTREAM_ERROR, ErrorCodes.UPSTREAM_ERROR, e.getMessage(), e);
    }
    return new Tokens(
        result.idToken(),
        result.accessToken(),
        Optional.ofNullable(result.refreshToken()),
        claims,
        accessTokenExpiry(result, claims));
  }

  /**
   * The access token's {@code exp} claim; failing that, {@code ExpiresIn} (the access token's
   * lifetime) counted from the moment the ID token issued with it was issued; failing both, the ID
   * token's expiry.
   */
  private static Instant accessTokenExpiry(AuthenticationResultType result, IdTokenClaims claims) {
    if (result.accessToken() != null) {
      try {
        long exp =
            JwtPayload.decode(result.accessToken(), "the access token").path("exp").asLong(0);
        if (exp > 0) {
          return Instant.ofEpochSecond(exp);
        }
      } catch (IllegalArgumentException opaque) {
        // not a JWT: ExpiresIn says the same
      }
    }
    if (result.expiresIn() != null && result.expiresIn() > 0) {
      return claims.issuedAt().plusSeconds(result.expiresIn());
    }
    return claims.expiresAt();
  }

  @Override
  public String toString() {
    return "Tokens[" + claims + ", access token until " + accessTokenExpiresAt + "]";
  }
}

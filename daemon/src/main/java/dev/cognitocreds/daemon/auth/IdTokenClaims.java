package dev.cognitocreds.daemon.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The claims of a Cognito ID token the daemon needs (read as {@link JwtPayload} does, signature
 * unchecked).
 */
public record IdTokenClaims(String sub, String username, Instant issuedAt, Instant expiresAt) {

  public static IdTokenClaims parse(String jwt) {
    JwtPayload.Claims claims = JwtPayload.decode(jwt, "the ID token");
    String sub = claims.path("sub").asText(null);
    long exp = claims.path("exp").asLong(0);
    if (sub == null || exp == 0) {
      throw new IllegalArgumentException("the ID token from Cognito has no sub or exp claim");
    }
    long iat = claims.path("iat").asLong(claims.path("auth_time").asLong(exp));
    return new IdTokenClaims(
        sub,
        claims.path("cognito:username").asText(sub),
        Instant.ofEpochSecond(iat),
        Instant.ofEpochSecond(exp));
  }

  public Duration lifetime() {
    return Duration.between(issuedAt, expiresAt);
  }
}

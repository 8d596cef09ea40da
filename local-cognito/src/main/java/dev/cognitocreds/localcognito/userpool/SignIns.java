package dev.cognitocreds.localcognito.userpool;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-ins (one {@code origin_jti} each) and their refresh tokens. Revoking a sign-in kills its
 * refresh token and the access tokens issued from it, as RevokeToken and GlobalSignOut do at
 * Cognito.
 */
final class SignIns {
  static final class SignIn {
    final String originJti = UUID.randomUUID().toString();
    final String poolId;
    final String clientId;
    final String username;
    final Instant authTime;
    boolean revoked;

    /**
     * The OAuth scopes of a hosted-UI sign-in (its access tokens' {@code scope}); null for the API.
     */
    String scope;

    SignIn(String poolId, String clientId, String username, Instant authTime) {
      this.poolId = poolId;
      this.clientId = clientId;
      this.username = username;
      this.authTime = authTime;
    }
  }

  static final class RefreshToken {
    final SignIn signIn;
    final Instant expires;

    /** Set when rotation replaced this token; it keeps working until the grace period ends. */
    Instant supersededAt;

    RefreshToken(SignIn signIn, Instant expires) {
      this.signIn = signIn;
      this.expires = expires;
    }
  }

  /** Cognito refresh tokens are opaque JWEs; ours are opaque too and only look the part. */
  private static final String JWE_HEADER =
      "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ";

  private final Map<String, SignIn> byOriginJti = new HashMap<>();
  private final Map<String, RefreshToken> byToken = new HashMap<>();
  private final SecureRandom random;

  SignIns(SecureRandom random) {
    this.random = random;
  }

  SignIn start(String poolId, String clientId, String username, Instant authTime) {
    SignIn signIn = new SignIn(poolId, clientId, username, authTime);
    byOriginJti.put(signIn.originJti, signIn);
    return signIn;
  }

  Optional<SignIn> find(String originJti) {
    return Optional.ofNullable(byOriginJti.get(originJti));
  }

  String issueRefreshToken(SignIn signIn, Instant expires) {
    String token =
        JWE_HEADER + "." + part(256) + "." + part(12) + "." + part(1200) + "." + part(16);
    byToken.put(token, new RefreshToken(signIn, expires));
    return token;
  }

  Optional<RefreshToken> refreshToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }

  void revokeAll(String poolId, String username) {
    byOriginJti.values().stream()
        .filter(s -> s.poolId.equals(poolId) && s.username.equals(username))
        .forEach(s -> s.revoked = true);
  }

  private String part(int bytes) {
    byte[] data = new byte[bytes];
    random.nextBytes(data);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
  }
}

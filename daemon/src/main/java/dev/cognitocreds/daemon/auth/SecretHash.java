package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.daemon.config.CognitoProfile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * SECRET_HASH for app clients that have a secret: Base64(HMAC-SHA256(secret, username + clientId)).
 */
public final class SecretHash {

  private SecretHash() {}

  public static Optional<String> of(CognitoProfile profile, String username) {
    return profile
        .clientSecret()
        .map(
            secret ->
                Base64.getEncoder()
                    .encodeToString(
                        SrpProof.hmac(
                            secret.getBytes(StandardCharsets.UTF_8),
                            (username + profile.clientId()).getBytes(StandardCharsets.UTF_8))));
  }
}

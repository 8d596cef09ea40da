package dev.cognitocreds.localcognito.userpool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Cognito's SECRET_HASH: Base64(HMAC-SHA256(key = client secret, message = username + client id)).
 */
final class SecretHash {
  private SecretHash() {}

  static String of(String clientSecret, String username, String clientId) {
    return Base64.getEncoder()
        .encodeToString(
            Srp.hmac(
                clientSecret.getBytes(StandardCharsets.UTF_8),
                (username + clientId).getBytes(StandardCharsets.UTF_8)));
  }

  static boolean matches(String clientSecret, String username, String clientId, String presented) {
    return MessageDigest.isEqual(
        of(clientSecret, username, clientId).getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}

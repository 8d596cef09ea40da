package dev.cognitocreds.localcognito.userpool;

import dev.cognitocreds.localcognito.CognitoException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** SECRET_HASH and ClientSecret checks for app clients that have a secret. */
final class Secrets {
  private Secrets() {}

  /** Accepts a hash over any of the names the user may be known by (login alias or username). */
  static void check(AppClient client, String presented, String... usernames) {
    if (client.secret == null) {
      return;
    }
    if (presented == null || presented.isEmpty()) {
      throw CognitoException.notAuthorized(
          "Client " + client.clientId + " is configured for secret but secret was not received");
    }
    for (String username : usernames) {
      if (username != null
          && SecretHash.matches(client.secret, username, client.clientId, presented)) {
        return;
      }
    }
    throw CognitoException.notAuthorized(
        "Unable to verify secret hash for client " + client.clientId);
  }

  static void checkClientSecret(AppClient client, String presented) {
    if (client.secret == null) {
      return;
    }
    if (presented == null
        || !MessageDigest.isEqual(
            client.secret.getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8))) {
      throw CognitoException.notAuthorized("Unable to verify secret for client " + client.clientId);
    }
  }
}

package dev.cognitocreds.localcognito.userpool;

import dev.cognitocreds.localcognito.CognitoException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Opaque {@code Session} strings for pending challenges; each answer gets a fresh one. */
final class AuthSessions {
  private final Map<String, AuthSession> sessions = new HashMap<>();
  private final SecureRandom random;

  AuthSessions(SecureRandom random) {
    this.random = random;
  }

  String open(AuthSession session) {
    byte[] bytes = new byte[384];
    random.nextBytes(bytes);
    String id = "AYABe" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(id, session);
    return id;
  }

  AuthSession get(String id, Instant now) {
    AuthSession session = id == null ? null : sessions.get(id);
    if (session == null) {
      throw CognitoException.notAuthorized("Invalid session for the user.");
    }
    if (!now.isBefore(session.expires)) {
      sessions.remove(id);
      throw CognitoException.notAuthorized("Invalid session for the user, session is expired.");
    }
    return session;
  }

  void close(String id) {
    sessions.remove(id);
  }
}

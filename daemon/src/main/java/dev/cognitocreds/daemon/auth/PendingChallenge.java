package dev.cognitocreds.daemon.auth;

/**
 * What the daemon keeps between two steps of a sign-in: Cognito's session string and the username
 * Cognito expects in the answer. Never leaves the daemon.
 */
public record PendingChallenge(String session, String username, Challenge challenge) {

  @Override
  public String toString() {
    return "PendingChallenge[" + challenge.name() + ", " + username + "]";
  }
}

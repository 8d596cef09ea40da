package dev.cognitocreds.daemon.auth;

import java.util.List;

/**
 * One thing the client must ask the person for; {@code choices} is empty unless it is a pick list.
 */
public record ChallengeField(
    String name, String label, boolean secret, boolean confirm, List<String> choices) {

  public ChallengeField {
    choices = List.copyOf(choices);
  }

  static ChallengeField text(String name, String label) {
    return new ChallengeField(name, label, false, false, List.of());
  }

  static ChallengeField code(String name, String label) {
    return new ChallengeField(name, label, true, false, List.of());
  }
}

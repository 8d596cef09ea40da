package dev.cognitocreds.daemon.auth;

import java.util.List;
import java.util.Map;

/** A challenge as the person sees it: what happened, what to answer, and public parameters. */
public record Challenge(
    String name, String message, List<ChallengeField> fields, Map<String, String> parameters) {

  public Challenge {
    fields = List.copyOf(fields);
    parameters = Map.copyOf(parameters);
  }
}

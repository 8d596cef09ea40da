package dev.cognitocreds.daemon.config;

import java.util.Optional;

/** The user-pool sign-in flows the daemon speaks; names are Cognito's own. */
public enum AuthFlow {
  USER_SRP_AUTH,
  USER_PASSWORD_AUTH;

  public static Optional<AuthFlow> parse(String value) {
    for (AuthFlow flow : values()) {
      if (flow.name().equals(value)) {
        return Optional.of(flow);
      }
    }
    return Optional.empty();
  }
}

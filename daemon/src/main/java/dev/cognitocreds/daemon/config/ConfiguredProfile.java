package dev.cognitocreds.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * A profile that has cognito keys: either usable ({@code profile} present) or invalid, with one
 * problem per broken key, each naming file, profile and key.
 */
public record ConfiguredProfile(
    String name, Optional<CognitoProfile> profile, List<String> problems) {

  public ConfiguredProfile {
    problems = List.copyOf(problems);
  }

  public boolean isValid() {
    return profile.isPresent();
  }
}

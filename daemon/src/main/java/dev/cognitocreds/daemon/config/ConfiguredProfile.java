package dev.cognitocreds.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * A profile that has cognito keys: either usable ({@code profile} present) or invalid, with one
 * problem per broken key, each naming file, profile and key. {@code warnings} name what is ignored
 * without costing the profile (a {@code cognito_*} key this version does not know, which a newer
 * {@code configure} may have written).
 */
public record ConfiguredProfile(
    String name, Optional<CognitoProfile> profile, List<String> problems, List<String> warnings) {

  public ConfiguredProfile {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  public ConfiguredProfile(String name, Optional<CognitoProfile> profile, List<String> problems) {
    this(name, profile, problems, List.of());
  }

  public boolean isValid() {
    return profile.isPresent();
  }
}

package dev.cognitocreds.daemon.config;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The cognito profiles of one version of the AWS config file. */
public final class Profiles {

  private final Path file;
  private final SortedMap<String, ConfiguredProfile> byName;
  private final Optional<String> fileProblem;

  Profiles(Path file, Map<String, ConfiguredProfile> byName, Optional<String> fileProblem) {
    this.file = file;
    this.byName = new TreeMap<>(byName);
    this.fileProblem = fileProblem;
  }

  public Path file() {
    return file;
  }

  public List<ConfiguredProfile> all() {
    return List.copyOf(byName.values());
  }

  public Optional<ConfiguredProfile> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The profile of that name, valid or not, or a failure naming the known ones. */
  public ConfiguredProfile configured(String name) {
    ConfiguredProfile configured = byName.get(name);
    if (configured == null) {
      throw Failure.profileNotFound(
          "no cognito profile named " + name + " in " + file + ": " + known());
    }
    return configured;
  }

  /** The valid profile of that name, or a failure that says what to fix. */
  public CognitoProfile require(String name) {
    ConfiguredProfile configured = configured(name);
    return configured
        .profile()
        .orElseThrow(
            () ->
                new Failure(
                    Failure.Kind.INVALID_PROFILE,
                    ErrorCodes.INVALID_PROFILE,
                    String.join("; ", configured.problems())
                        + ": fix the file, or set the key with `cognito-creds configure profile"
                        + " --profile "
                        + name
                        + "`"));
  }

  /**
   * The profile {@code GET /v1/credentials} serves: the one named on the command line, else {@code
   * default} when it is ours, else the only valid cognito profile.
   */
  public String defaultProfileName(Optional<String> configured) {
    if (configured.isPresent()) {
      return configured.get();
    }
    if (byName.containsKey("default")) {
      return "default";
    }
    List<String> usable =
        byName.values().stream()
            .filter(ConfiguredProfile::isValid)
            .map(ConfiguredProfile::name)
            .toList();
    if (usable.size() == 1) {
      return usable.get(0);
    }
    throw Failure.profileNotFound(
        "no default cognito profile in "
            + file
            + ": start cognito-credsd with "
            + "--default-profile P or use /v1/profiles/P/credentials; "
            + known());
  }

  private String known() {
    if (fileProblem.isPresent()) {
      return fileProblem.get();
    }
    return byName.isEmpty()
        ? "it has no profile with cognito_user_pool_id or cognito_oidc_issuer"
        : "known cognito profiles: " + String.join(", ", byName.keySet());
  }
}

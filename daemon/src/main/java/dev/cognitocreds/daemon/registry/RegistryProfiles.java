package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.config.ConfiguredProfile;
import dev.cognitocreds.daemon.config.Profiles;
import java.util.List;
import java.util.Optional;

/**
 * Which profile serves a registry: a valid profile whose {@code cognito_registries} names it (the
 * caller's {@code AWS_PROFILE} first when several do), else the caller's {@code AWS_PROFILE} when
 * that is one of ours.
 */
public final class RegistryProfiles {

  private RegistryProfiles() {}

  public static String serving(
      Profiles profiles, RegistryHost registry, Optional<String> callerProfile) {
    List<String> naming =
        profiles.all().stream()
            .filter(configured -> names(configured, registry))
            .map(ConfiguredProfile::name)
            .toList();
    if (callerProfile.isPresent() && naming.contains(callerProfile.get())) {
      return callerProfile.get();
    }
    if (!naming.isEmpty()) {
      return naming.get(0);
    }
    if (callerProfile.isPresent() && profiles.find(callerProfile.get()).isPresent()) {
      return callerProfile.get();
    }
    throw notConfigured(profiles, registry, callerProfile);
  }

  /** An entry the daemon cannot parse never matches: the configure command wrote it parsed. */
  private static boolean names(ConfiguredProfile configured, RegistryHost registry) {
    return configured.profile().stream()
        .map(CognitoProfile::registries)
        .flatMap(List::stream)
        .map(RegistryHost::parse)
        .flatMap(Optional::stream)
        .anyMatch(named -> named.host().equals(registry.host()));
  }

  private static Failure notConfigured(
      Profiles profiles, RegistryHost registry, Optional<String> callerProfile) {
    List<String> valid =
        profiles.all().stream()
            .filter(ConfiguredProfile::isValid)
            .map(ConfiguredProfile::name)
            .toList();
    String profile = valid.size() == 1 ? valid.get(0) : "PROFILE";
    String because =
        callerProfile
            .map(
                p -> " (AWS_PROFILE=" + p + " is not a cognito profile in " + profiles.file() + ")")
            .orElse("");
    return new Failure(
        Failure.Kind.PROFILE_NOT_FOUND,
        ErrorCodes.REGISTRY_NOT_CONFIGURED,
        "no cognito profile serves registry "
            + registry
            + because
            + ": run `cognito-creds configure docker --registry "
            + registry
            + " --profile "
            + profile
            + "` (or configure podman), or add it to the profile's cognito_registries");
  }
}

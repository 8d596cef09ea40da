package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile key {@code cognito_registries}: the registries a profile serves through
 * docker-credential-cognito-creds, hosts separated by spaces or commas.
 */
final class RegistriesKey {

  static final String KEY = "cognito_registries";

  private RegistriesKey() {}

  /** The hosts a value names, in order. */
  static List<String> hosts(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.trim().split("[\\s,]+")).filter(h -> !h.isEmpty()).toList();
  }

  /** The value with {@code registry} added (unchanged when it is there already). */
  static String withRegistry(String value, EcrRegistry registry) {
    List<String> hosts = new ArrayList<>(hosts(value));
    if (hosts.stream().noneMatch(h -> h.equalsIgnoreCase(registry.host()))) {
      hosts.add(registry.host());
    }
    return String.join(" ", hosts);
  }

  /** Adds {@code registry} to the profile's key in the AWS config file. */
  static FileEdit plan(Path configFile, String profile, EcrRegistry registry) {
    String current = AwsConfigFile.read(configFile).getOrDefault(profile, Map.of()).get(KEY);
    return AwsConfigFile.plan(
        configFile, profile, Map.of(KEY, withRegistry(current, registry)), Set.of());
  }
}

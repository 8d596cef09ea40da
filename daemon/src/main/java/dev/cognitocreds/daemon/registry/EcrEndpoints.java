package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.daemon.config.CognitoProfile;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where ECR is asked and in which region: the profile's {@code cognito_ecr_endpoint_url}, else the
 * SDK's standard {@code AWS_ENDPOINT_URL_ECR} ({@code AWS_ENDPOINT_URL_ECR_PUBLIC} for ECR Public),
 * else {@code AWS_ENDPOINT_URL}, else the SDK's endpoint for the registry host's region.
 */
final class EcrEndpoints {

  private final Map<String, String> env;

  EcrEndpoints(Map<String, String> env) {
    this.env = env;
  }

  Optional<URI> override(CognitoProfile profile, RegistryHost registry) {
    if (profile.ecrEndpointUrl().isPresent()) {
      return profile.ecrEndpointUrl();
    }
    String specific =
        registry.kind() == RegistryHost.Kind.PUBLIC_ECR
            ? "AWS_ENDPOINT_URL_ECR_PUBLIC"
            : "AWS_ENDPOINT_URL_ECR";
    return variable(specific).or(() -> variable("AWS_ENDPOINT_URL")).map(URI::create);
  }

  /** The host's own region; a loopback registry has none and takes the profile's. */
  static String region(CognitoProfile profile, RegistryHost registry) {
    return registry.region().orElse(profile.region());
  }

  private Optional<String> variable(String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}

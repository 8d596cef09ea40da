package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import software.amazon.awssdk.core.exception.SdkException;

/** ECR's refusals and outages as failures that name the registry and what to do. */
final class RegistryFailures {

  private RegistryFailures() {}

  static Failure translate(SdkException e, String profile, RegistryHost registry) {
    String reason =
        UpstreamFailures.code(e) != null
            ? UpstreamFailures.code(e) + ": " + UpstreamFailures.message(e)
            : UpstreamFailures.message(e);
    return failure(UpstreamFailures.isTransient(e), reason, profile, registry, e);
  }

  static Failure failure(
      boolean transientFailure,
      String reason,
      String profile,
      RegistryHost registry,
      Throwable cause) {
    if (transientFailure) {
      return new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.REGISTRY_UNAVAILABLE,
          "ECR cannot be reached for registry " + registry + " (" + reason + "); try again later",
          cause);
    }
    return new Failure(
        Failure.Kind.REGISTRY_REFUSED,
        ErrorCodes.REGISTRY_REFUSED,
        "ECR refused a password for registry "
            + registry
            + " to profile "
            + profile
            + " ("
            + reason
            + "): the profile's role may not pull from it; ask the registry's publisher",
        cause);
  }
}

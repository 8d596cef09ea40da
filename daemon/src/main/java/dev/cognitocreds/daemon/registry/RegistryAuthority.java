package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.AwsCredentials;

/** Where a registry's password comes from: ECR's (or ECR Public's) GetAuthorizationToken. */
@FunctionalInterface
public interface RegistryAuthority {

  /**
   * A new password for {@code registry}, asked for with {@code credentials}; throws {@link
   * dev.cognitocreds.daemon.Failure} when ECR refuses or cannot be reached.
   */
  RegistryPassword password(
      CognitoProfile profile, AwsCredentials credentials, RegistryHost registry);

  /** For a daemon built without ECR (tests of other parts). */
  RegistryAuthority NONE =
      (profile, credentials, registry) -> {
        throw new dev.cognitocreds.daemon.Failure(
            dev.cognitocreds.daemon.Failure.Kind.UPSTREAM_ERROR,
            ErrorCodes.REGISTRY_UNAVAILABLE,
            "this cognito-credsd cannot get registry passwords");
      };
}

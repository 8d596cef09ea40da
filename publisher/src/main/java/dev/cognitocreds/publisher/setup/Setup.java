package dev.cognitocreds.publisher.setup;

import java.net.URI;
import java.util.Optional;

/**
 * Where a publisher's deployed setup is: the region, the user pool, its app client and the identity
 * pool, and optionally a Cognito endpoint other than AWS's (a VPC endpoint, a local Cognito).
 */
public record Setup(
    String region,
    Optional<String> userPoolId,
    Optional<String> clientId,
    Optional<String> identityPoolId,
    Optional<String> registry,
    Optional<String> profile,
    Optional<URI> cognitoEndpoint) {

  public String userPoolIdOrFail() {
    return userPoolId.orElseThrow(() -> missing("--user-pool-id", "userPoolId"));
  }

  public String clientIdOrFail() {
    return clientId.orElseThrow(() -> missing("--client-id", "clientId"));
  }

  public String identityPoolIdOrFail() {
    return identityPoolId.orElseThrow(() -> missing("--identity-pool-id", "identityPoolId"));
  }

  static SetupMissingException missing(String option, String key) {
    return new SetupMissingException(
        "no " + option + ": give it, or --from an onboarding file with \"" + key + "\"");
  }
}

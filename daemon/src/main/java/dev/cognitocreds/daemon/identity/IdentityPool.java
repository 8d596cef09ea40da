package dev.cognitocreds.daemon.identity;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;

/** The identity-pool exchange: user-pool ID token in, temporary AWS credentials out. */
public final class IdentityPool {

  private final Function<CognitoProfile, CognitoIdentityClient> clients;

  public IdentityPool(Function<CognitoProfile, CognitoIdentityClient> clients) {
    this.clients = clients;
  }

  /** The identity id of the user behind {@code idToken}; stable, so callers remember it. */
  public String identityId(CognitoProfile profile, String idToken) {
    try {
      return clients
          .apply(profile)
          .getId(
              request ->
                  request
                      .identityPoolId(profile.identityPoolId())
                      .accountId(profile.accountId().orElse(null))
                      .logins(logins(profile, idToken)))
          .identityId();
    } catch (SdkException e) {
      throw translate(e, "GetId");
    }
  }

  public AwsCredentials credentials(CognitoProfile profile, String identityId, String idToken) {
    try {
      GetCredentialsForIdentityResponse response =
          clients
              .apply(profile)
              .getCredentialsForIdentity(
                  request ->
                      request
                          .identityId(identityId)
                          .logins(logins(profile, idToken))
                          .customRoleArn(profile.roleArn().orElse(null)));
      Credentials credentials = response.credentials();
      if (credentials == null || credentials.expiration() == null) {
        throw new Failure(
            Failure.Kind.UPSTREAM_ERROR,
            "UpstreamError",
            "Cognito's GetCredentialsForIdentity answer has no credentials");
      }
      return new AwsCredentials(
          credentials.accessKeyId(),
          credentials.secretKey(),
          credentials.sessionToken(),
          credentials.expiration(),
          profile.accountId());
    } catch (SdkException e) {
      if (UpstreamFailures.hasCode(e, "ResourceNotFoundException")) {
        throw new UnknownIdentityException(identityId, e);
      }
      throw translate(e, "GetCredentialsForIdentity");
    }
  }

  private static RuntimeException translate(SdkException e, String operation) {
    Failure failure = UpstreamFailures.translate(e, operation);
    return UpstreamFailures.hasCode(e, "NotAuthorizedException")
        ? new IdTokenRejectedException(failure)
        : failure;
  }

  private static Map<String, String> logins(CognitoProfile profile, String idToken) {
    return Map.of(profile.loginsKey(), idToken);
  }
}

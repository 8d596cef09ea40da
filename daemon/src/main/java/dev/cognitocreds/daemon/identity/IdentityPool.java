package dev.cognitocreds.daemon.identity;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.ServerClock;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;

/**
 * The identity-pool exchange: user-pool ID token in, temporary AWS credentials out, their expiry on
 * this machine's clock (see {@link ServerClock}).
 */
public final class IdentityPool {

  private static final Logger log = LoggerFactory.getLogger(IdentityPool.class);

  private final Function<CognitoProfile, CognitoIdentityClient> clients;
  private final Clock clock;

  public IdentityPool(Function<CognitoProfile, CognitoIdentityClient> clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
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
            ErrorCodes.UPSTREAM_ERROR,
            "Cognito's GetCredentialsForIdentity answer has no credentials");
      }
      return new AwsCredentials(
          credentials.accessKeyId(),
          credentials.secretKey(),
          credentials.sessionToken(),
          onThisMachinesClock(profile, credentials.expiration(), response),
          profile.accountId());
    } catch (SdkException e) {
      if (UpstreamFailures.hasCode(e, "ResourceNotFoundException")) {
        throw new UnknownIdentityException(identityId, e);
      }
      throw translate(e, "GetCredentialsForIdentity");
    }
  }

  private Instant onThisMachinesClock(
      CognitoProfile profile, Instant expiration, GetCredentialsForIdentityResponse response) {
    Optional<Duration> skew = ServerClock.skew(response, clock.instant());
    if (skew.isEmpty()) {
      return expiration;
    }
    log.warn(
        "profile {}: this machine's clock is {} Cognito's: the credentials' expiry {} is"
            + " {} on this machine's clock (set the clock right, e.g. with NTP)",
        profile.name(),
        ServerClock.describe(skew.get()),
        expiration,
        expiration.plus(skew.get()));
    return expiration.plus(skew.get());
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

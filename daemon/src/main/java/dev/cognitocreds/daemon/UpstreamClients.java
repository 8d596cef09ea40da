package dev.cognitocreds.daemon;

import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.registry.EcrAuthority;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * The AWS SDK clients the daemon uses, one per region and endpoint, built on first use (so start-up
 * pays nothing for them) and sharing one url-connection HTTP client. Every Cognito operation used
 * is unsigned, so the clients carry anonymous credentials; ECR's calls carry the profile's own.
 *
 * <p>Every call is bounded: Cognito answers in well under a second, so a connection that takes
 * seconds to open, a read that waits seconds, or an attempt that runs longer is a network problem,
 * not a slow answer. The whole call (one retry included) ends within {@link #CALL_TIMEOUT}, so a
 * person waiting for an answer hears "Cognito does not answer" within seconds and a hanging call
 * never keeps the next one, which may find Cognito back, from starting. The renewal of cached
 * credentials has its own retries with back-off, so the SDK retries only once.
 */
public final class UpstreamClients implements AutoCloseable {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
  static final int MAX_ATTEMPTS = 2;

  private final SdkHttpClient http =
      UrlConnectionHttpClient.builder()
          .connectionTimeout(CONNECT_TIMEOUT)
          .socketTimeout(READ_TIMEOUT)
          .build();
  private final ConcurrentMap<Key, CognitoIdentityProviderClient> userPools =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, CognitoIdentityClient> identityPools = new ConcurrentHashMap<>();

  private final ConcurrentMap<EcrAuthority.ClientKey, EcrClient> registries =
      new ConcurrentHashMap<>();

  private record Key(String region, Optional<URI> endpoint) {}

  public CognitoIdentityProviderClient userPool(CognitoProfile profile) {
    return userPools.computeIfAbsent(
        new Key(profile.userPoolRegion(), profile.endpointUrl()),
        key -> build(CognitoIdentityProviderClient.builder(), key));
  }

  public CognitoIdentityClient identityPool(CognitoProfile profile) {
    return identityPools.computeIfAbsent(
        new Key(profile.identityPoolRegion(), profile.endpointUrl()),
        key -> build(CognitoIdentityClient.builder(), key));
  }

  /**
   * ECR's client for a registry's region and endpoint; each call carries the profile's credentials
   * (anonymous ones here sign nothing).
   */
  public EcrClient ecr(EcrAuthority.ClientKey key) {
    return registries.computeIfAbsent(
        key,
        k -> {
          EcrClientBuilder builder =
              EcrClient.builder().fipsEnabled(k.fips()).dualstackEnabled(k.dualStack());
          return build(builder, new Key(k.region(), k.endpoint()));
        });
  }

  /** The one HTTP client, for the calls the SDK has no client for here (ECR Public). */
  public SdkHttpClient http() {
    return http;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Key key) {
    builder
        .httpClient(http)
        .region(Region.of(key.region()))
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(overrides());
    key.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .apiCallTimeout(CALL_TIMEOUT)
        .retryStrategy(retries -> retries.maxAttempts(MAX_ATTEMPTS))
        .build();
  }

  @Override
  public void close() {
    userPools.values().forEach(CognitoIdentityProviderClient::close);
    identityPools.values().forEach(CognitoIdentityClient::close);
    registries.values().forEach(EcrClient::close);
    http.close();
  }
}

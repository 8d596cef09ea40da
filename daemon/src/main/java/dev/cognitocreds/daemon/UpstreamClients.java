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
 */
public final class UpstreamClients implements AutoCloseable {

  private final SdkHttpClient http =
      UrlConnectionHttpClient.builder()
          .connectionTimeout(Duration.ofSeconds(5))
          .socketTimeout(Duration.ofSeconds(20))
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
    return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public void close() {
    userPools.values().forEach(CognitoIdentityProviderClient::close);
    identityPools.values().forEach(CognitoIdentityClient::close);
    registries.values().forEach(EcrClient::close);
    http.close();
  }
}

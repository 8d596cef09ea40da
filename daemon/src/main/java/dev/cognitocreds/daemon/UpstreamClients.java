package dev.cognitocreds.daemon;

import dev.cognitocreds.daemon.config.CognitoProfile;
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

/**
 * The AWS SDK clients the daemon uses, one per region and endpoint, built on first use (so start-up
 * pays nothing for them) and sharing one url-connection HTTP client. Every operation used is
 * unsigned, so the clients carry anonymous credentials.
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
    http.close();
  }
}

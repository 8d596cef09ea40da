package dev.cognitocreds.localcognito;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * AWS SDK v2 clients pointed at local-cognito: dummy credentials, us-east-2, no retries (tests
 * count calls).
 */
final class Sdk {
  private static final StaticCredentialsProvider DUMMY =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIDLOCALCOGNITO0000", "dummy-secret"));

  private Sdk() {}

  static CognitoIdentityProviderClient userPools(URI endpoint) {
    return CognitoIdentityProviderClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_2)
        .credentialsProvider(DUMMY)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static CognitoIdentityClient identityPools(URI endpoint) {
    return CognitoIdentityClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_2)
        .credentialsProvider(DUMMY)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}

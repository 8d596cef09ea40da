package dev.cognitocreds.publisher.setup;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The AWS clients of one run, with the publisher's own credentials (the SDK's default chain). The
 * SDK itself honours {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}; the setup's
 * Cognito endpoint ({@code --endpoint-url}) wins over them for the two Cognito services.
 */
public final class AwsClients implements AutoCloseable {

  private final Setup setup;
  private CognitoIdentityProviderClient userPools;
  private CognitoIdentityClient identityPools;
  private IamClient iam;
  private final java.util.Map<String, EcrClient> ecr = new java.util.HashMap<>();

  public AwsClients(Setup setup) {
    this.setup = setup;
  }

  public Setup setup() {
    return setup;
  }

  public synchronized CognitoIdentityProviderClient userPools() {
    if (userPools == null) {
      var builder =
          CognitoIdentityProviderClient.builder()
              .region(Region.of(setup.region()))
              .credentialsProvider(DefaultCredentialsProvider.builder().build())
              .httpClientBuilder(UrlConnectionHttpClient.builder());
      setup.cognitoEndpoint().ifPresent(builder::endpointOverride);
      userPools = builder.build();
    }
    return userPools;
  }

  public synchronized CognitoIdentityClient identityPools() {
    if (identityPools == null) {
      var builder =
          CognitoIdentityClient.builder()
              .region(Region.of(setup.region()))
              .credentialsProvider(DefaultCredentialsProvider.builder().build())
              .httpClientBuilder(UrlConnectionHttpClient.builder());
      setup.cognitoEndpoint().ifPresent(builder::endpointOverride);
      identityPools = builder.build();
    }
    return identityPools;
  }

  public synchronized IamClient iam() {
    if (iam == null) {
      // IAM is global: its requests are signed for the partition's global region
      iam =
          IamClient.builder()
              .region(Region.AWS_GLOBAL)
              .credentialsProvider(DefaultCredentialsProvider.builder().build())
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .build();
    }
    return iam;
  }

  /** ECR of the region a repository lives in (the pull role may name another region's). */
  public synchronized EcrClient ecr(String region) {
    return ecr.computeIfAbsent(
        region,
        r ->
            EcrClient.builder()
                .region(Region.of(r))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build());
  }

  public static URI endpoint(String url) {
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new SetupMissingException(
          "endpoint "
              + url
              + " is not an absolute URL (e.g. https://cognito-idp.REGION.amazonaws.com)");
    }
    return uri;
  }

  @Override
  public synchronized void close() {
    var clients = new java.util.ArrayList<AutoCloseable>(ecr.values());
    clients.add(userPools);
    clients.add(identityPools);
    clients.add(iam);
    for (AutoCloseable client : clients) {
      if (client != null) {
        try {
          client.close();
        } catch (Exception e) {
          // closing an HTTP client of a command that ends anyway
        }
      }
    }
  }
}

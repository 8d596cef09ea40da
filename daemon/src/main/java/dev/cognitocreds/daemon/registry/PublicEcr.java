package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.json.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * ECR Public's GetAuthorizationToken ({@code SpencerFrontendService}, JSON 1.1, service {@code
 * ecr-public}, us-east-1 only), signed with the SDK's SigV4 signer and sent over the daemon's SDK
 * HTTP client.
 */
final class PublicEcr {

  static final String TARGET = "SpencerFrontendService.GetAuthorizationToken";
  static final String SIGNING_NAME = "ecr-public";
  private static final byte[] EMPTY_REQUEST = "{}".getBytes(StandardCharsets.UTF_8);

  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  PublicEcr(SdkHttpClient http) {
    this.http = http;
  }

  RegistryPassword password(
      CognitoProfile profile,
      AwsCredentials credentials,
      RegistryHost registry,
      Optional<URI> endpoint) {
    URI uri =
        endpoint.orElse(
            URI.create(
                registry.dualStack()
                    ? "https://ecr-public.us-east-1.api.aws"
                    : "https://api.ecr-public.us-east-1.amazonaws.com"));
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri.resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", TARGET)
            .putHeader("Content-Length", Integer.toString(EMPTY_REQUEST.length))
            .build();
    ContentStreamProvider payload = ContentStreamProvider.fromByteArray(EMPTY_REQUEST);
    SignedRequest signed =
        signer.sign(
            r ->
                r.request(request)
                    .payload(payload)
                    .identity(
                        AwsSessionCredentialsIdentity.create(
                            credentials.accessKeyId(),
                            credentials.secretAccessKey(),
                            credentials.sessionToken()))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, RegistryHost.PUBLIC_REGION));
    int status;
    byte[] body;
    try {
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(signed.payload().orElse(payload))
                      .build())
              .call();
      status = response.httpResponse().statusCode();
      try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(null)) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
    } catch (IOException e) {
      throw RegistryFailures.failure(
          true, e.getClass().getSimpleName() + ": " + e.getMessage(), profile.name(), registry, e);
    }
    Map<String, Object> answer;
    try {
      answer = body.length == 0 ? Map.of() : JsonTree.object(body);
    } catch (IOException | UncheckedIOException e) {
      answer = Map.of();
    }
    if (status != 200) {
      String type = String.valueOf(answer.getOrDefault("__type", "HTTP " + status));
      type = type.substring(type.lastIndexOf('#') + 1);
      boolean transientFailure =
          status >= 500 || status == 429 || type.contains("Throttl") || type.contains("Limit");
      throw RegistryFailures.failure(
          transientFailure,
          type + ": " + answer.getOrDefault("message", answer.getOrDefault("Message", "")),
          profile.name(),
          registry,
          null);
    }
    if (!(answer.get("authorizationData") instanceof Map<?, ?> data)) {
      return EcrAuthority.decode(null, null, profile, registry);
    }
    Object token = data.get("authorizationToken");
    Object expires = data.get("expiresAt");
    Instant expiresAt =
        expires instanceof Number number
            ? Instant.ofEpochMilli(new BigDecimal(number.toString()).movePointRight(3).longValue())
            : null;
    return EcrAuthority.decode(
        token instanceof String text ? text : null, expiresAt, profile, registry);
  }
}

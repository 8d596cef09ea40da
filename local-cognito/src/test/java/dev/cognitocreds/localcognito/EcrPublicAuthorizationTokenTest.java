package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.PROVIDER;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.RULES_IDENTITY_POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.localcognito.ecr.RegistryPassword;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * ECR Public's GetAuthorizationToken, signed by the AWS SDK's SigV4 signer as the daemon signs it:
 * service {@code ecr-public}, us-east-1 only.
 */
class EcrPublicAuthorizationTokenTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;
  private static SdkHttpClient http;

  @BeforeAll
  static void start() {
    cognito = LocalCognito.builder().seed(TestSeeds.seed()).clock(CLOCK).start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
    http = UrlConnectionHttpClient.create();
  }

  @AfterAll
  static void stop() {
    http.close();
    identity.close();
    idp.close();
    cognito.close();
  }

  @Test
  void issuedCredentialsGetAPasswordForPublicEcrAws() throws IOException {
    Credentials credentials = issueCredentials();
    long before = cognito.calls().count("GetAuthorizationToken");

    Answer answer = call(credentials, "ecr-public", "us-east-1");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode data = answer.body().path("authorizationData");
    RegistryPassword handedOut = last(cognito.ecrPasswords());
    assertThat(
            new String(
                Base64.getDecoder().decode(data.path("authorizationToken").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("AWS:" + handedOut.password());
    assertThat(handedOut.proxyEndpoint()).isEqualTo("https://public.ecr.aws");
    assertThat(handedOut.accessKeyId()).isEqualTo(credentials.accessKeyId());
    assertThat(data.path("expiresAt").asLong())
        .isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)).getEpochSecond());
    assertThat(cognito.calls().count("GetAuthorizationToken")).isEqualTo(before + 1);
  }

  @Test
  void aSignatureForPrivateEcrIsRefused() throws IOException {
    Answer answer = call(issueCredentials(), "ecr", "us-east-1");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().path("__type").asText()).isEqualTo("InvalidSignatureException");
  }

  @Test
  void anotherRegionIsRefused() throws IOException {
    Answer answer = call(issueCredentials(), "ecr-public", "us-west-2");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("message").asText()).contains("us-east-1 only");
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer call(Credentials credentials, String service, String region)
      throws IOException {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create(cognito.endpoint() + "/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "SpencerFrontendService.GetAuthorizationToken")
            .build();
    ContentStreamProvider payload = ContentStreamProvider.fromByteArray(EMPTY);
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.request(request)
                        .payload(payload)
                        .identity(
                            AwsSessionCredentialsIdentity.create(
                                credentials.accessKeyId(),
                                credentials.secretKey(),
                                credentials.sessionToken()))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpExecuteResponse response =
        http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(payload))
                    .build())
            .call();
    byte[] body = response.responseBody().orElseThrow().readAllBytes();
    return new Answer(response.httpResponse().statusCode(), Json.MAPPER.readTree(body));
  }

  private static Credentials issueCredentials() {
    Map<String, String> logins =
        Map.of(PROVIDER, SignIn.tokens(idp, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").idToken());
    String id =
        identity.getId(r -> r.identityPoolId(RULES_IDENTITY_POOL).logins(logins)).identityId();
    return identity.getCredentialsForIdentity(r -> r.identityId(id).logins(logins)).credentials();
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}

package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.PROVIDER;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.RULES_IDENTITY_POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.localcognito.ecr.RegistryPassword;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;

/** ECR's GetAuthorizationToken through the AWS SDK's own EcrClient, which signs with SigV4. */
class EcrAuthorizationTokenTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final String ACCOUNT = "111122223333";
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;

  @BeforeAll
  static void start() {
    cognito =
        LocalCognito.builder()
            .seed(TestSeeds.seed())
            .clock(CLOCK)
            .credentialLifetime(Duration.ofHours(1))
            .start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
  }

  @AfterAll
  static void stop() {
    identity.close();
    idp.close();
    cognito.close();
  }

  @BeforeEach
  void resetCalls() {
    cognito.calls().reset();
  }

  @Test
  void issuedCredentialsGetARegistryPasswordForTheirAccountAndRegion() {
    Credentials credentials = issueCredentials();

    AuthorizationData data;
    try (EcrClient ecr = ecr(session(credentials), Region.US_WEST_2, UnaryOperator.identity())) {
      data = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
    }

    RegistryPassword handedOut = last(cognito.ecrPasswords());
    assertThat(decode(data.authorizationToken())).isEqualTo("AWS:" + handedOut.password());
    assertThat(handedOut.accessKeyId()).isEqualTo(credentials.accessKeyId());
    assertThat(data.proxyEndpoint())
        .isEqualTo("https://" + ACCOUNT + ".dkr.ecr.us-west-2.amazonaws.com")
        .isEqualTo(handedOut.proxyEndpoint());
    assertThat(data.expiresAt())
        .isEqualTo(CLOCK.instant().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS));
    assertThat(cognito.calls().count("GetAuthorizationToken")).isEqualTo(1);
  }

  @Test
  void everyCallGetsAFreshPasswordAndRegistryIdsPickTheAccounts() {
    Credentials credentials = issueCredentials();

    List<AuthorizationData> data;
    String first;
    try (EcrClient ecr = ecr(session(credentials), Region.US_EAST_2, UnaryOperator.identity())) {
      first = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
      data =
          ecr.getAuthorizationToken(r -> r.registryIds("444455556666", "777788889999"))
              .authorizationData();
    }

    assertThat(data)
        .extracting(AuthorizationData::proxyEndpoint)
        .containsExactly(
            "https://444455556666.dkr.ecr.us-east-2.amazonaws.com",
            "https://777788889999.dkr.ecr.us-east-2.amazonaws.com");
    assertThat(data).extracting(AuthorizationData::authorizationToken).doesNotContain(first);
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsRefused() {
    Credentials credentials = issueCredentials();
    AwsCredentials wrongSecret =
        AwsSessionCredentials.create(
            credentials.accessKeyId(),
            credentials.secretKey().substring(1) + "x",
            credentials.sessionToken());

    assertRefused(wrongSecret, UnaryOperator.identity(), "InvalidSignatureException")
        .hasMessageStartingWith(
            "The request signature we calculated does not match the signature you provided.");
  }

  @Test
  void aRequestChangedAfterSigningIsRefused() {
    Credentials credentials = issueCredentials();

    assertRefused(
            session(credentials),
            request -> request.toBuilder().putHeader("X-Amz-Date", "20200101T000000Z").build(),
            "InvalidSignatureException")
        .hasMessageContaining("Date in Credential scope does not match");
    assertRefused(
        session(credentials),
        request -> request.toBuilder().putHeader("Content-Type", "text/plain").build(),
        "InvalidSignatureException");
    assertRefused(
        session(credentials),
        request -> {
          String authorization = request.firstMatchingHeader("Authorization").orElseThrow();
          char last = authorization.charAt(authorization.length() - 1);
          return request.toBuilder()
              .putHeader(
                  "Authorization",
                  authorization.substring(0, authorization.length() - 1)
                      + (last == '0' ? '1' : '0'))
              .build();
        },
        "InvalidSignatureException");
    assertThat(cognito.ecrPasswords())
        .extracting(RegistryPassword::accessKeyId)
        .doesNotContain(credentials.accessKeyId());
    assertThat(cognito.calls().count("GetAuthorizationToken"))
        .as("refusals count too")
        .isEqualTo(3);
  }

  @Test
  void anUnknownKeyOrAnotherSessionTokenIsUnrecognized() {
    Credentials credentials = issueCredentials();
    AwsCredentials unknownKey =
        AwsSessionCredentials.create(
            "ASIAUNKNOWNUNKNOWN00", credentials.secretKey(), credentials.sessionToken());
    AwsCredentials otherToken =
        AwsSessionCredentials.create(
            credentials.accessKeyId(), credentials.secretKey(), issueCredentials().sessionToken());

    assertRefused(unknownKey, UnaryOperator.identity(), "UnrecognizedClientException")
        .hasMessageStartingWith("The security token included in the request is invalid.");
    assertRefused(otherToken, UnaryOperator.identity(), "UnrecognizedClientException");
    assertRefused(
        session(credentials),
        request -> request.toBuilder().removeHeader("X-Amz-Security-Token").build(),
        "UnrecognizedClientException");
  }

  @Test
  void expiredCredentialsAreRefusedAsExpired() {
    Credentials credentials = issueCredentials();
    CLOCK.advance(Duration.ofMinutes(61));
    try {
      assertRefused(session(credentials), UnaryOperator.identity(), "ExpiredTokenException")
          .hasMessageStartingWith("The security token included in the request is expired");
    } finally {
      CLOCK.advance(Duration.ofMinutes(-61));
    }
  }

  @Test
  void aRequestSignedMoreThanFifteenMinutesAgoIsRefused() {
    Credentials credentials = issueCredentials();
    CLOCK.advance(Duration.ofMinutes(16));
    try {
      assertRefused(session(credentials), UnaryOperator.identity(), "InvalidSignatureException")
          .hasMessageStartingWith("Signature expired: ");
    } finally {
      CLOCK.advance(Duration.ofMinutes(-16));
    }
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(cognito.endpoint())
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header(
                        "X-Amz-Target",
                        "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      AwsCredentials credentials, UnaryOperator<SdkHttpRequest> tamper, String errorCode) {
    try (EcrClient ecr = ecr(credentials, Region.US_EAST_2, tamper)) {
      return assertThatThrownBy(() -> ecr.getAuthorizationToken(r -> {}))
          .isInstanceOfSatisfying(
              EcrException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
              });
    }
  }

  private static Credentials issueCredentials() {
    Map<String, String> logins =
        Map.of(PROVIDER, SignIn.tokens(idp, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").idToken());
    String id =
        identity.getId(r -> r.identityPoolId(RULES_IDENTITY_POOL).logins(logins)).identityId();
    return identity.getCredentialsForIdentity(r -> r.identityId(id).logins(logins)).credentials();
  }

  private static AwsCredentials session(Credentials credentials) {
    return AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken());
  }

  /** An EcrClient whose signed requests pass through {@code tamper} on their way out. */
  private static EcrClient ecr(
      AwsCredentials credentials, Region region, UnaryOperator<SdkHttpRequest> tamper) {
    return EcrClient.builder()
        .endpointOverride(cognito.endpoint())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(new TamperingHttpClient(UrlConnectionHttpClient.create(), tamper))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static String decode(String token) {
    return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
  }

  /** Changes a request after the SDK signed it, as a man in the middle would. */
  private record TamperingHttpClient(SdkHttpClient delegate, UnaryOperator<SdkHttpRequest> tamper)
      implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return delegate.prepareRequest(
          HttpExecuteRequest.builder()
              .request(tamper.apply(request.httpRequest()))
              .contentStreamProvider(
                  request
                      .contentStreamProvider()
                      .orElse(() -> new ByteArrayInputStream(new byte[0])))
              .build());
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}

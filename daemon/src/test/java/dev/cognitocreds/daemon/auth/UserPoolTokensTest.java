package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

class UserPoolTokensTest {

  private static final String CLIENT_ID = "client1";
  private static final String SECRET = "app-client-secret";

  private static final CognitoProfile PROFILE =
      CognitoProfile.builder("acme")
          .region("us-east-2")
          .userPoolId("us-east-2_Pool1")
          .clientId(CLIENT_ID)
          .clientSecret(SECRET)
          .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
          .authFlow(AuthFlow.USER_SRP_AUTH)
          .build();

  private final AtomicInteger initiateCalls = new AtomicInteger();

  /** Counted down by each REFRESH_TOKEN_AUTH, which then waits: refreshes that overlap. */
  private volatile CountDownLatch overlapping = new CountDownLatch(0);

  private final AtomicReference<GetTokensFromRefreshTokenRequest> rotated = new AtomicReference<>();
  private final CognitoIdentityProviderClient rotatingPool =
      new StubUserPoolClient() {
        @Override
        public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
          initiateCalls.incrementAndGet();
          overlapping.countDown();
          try {
            overlapping.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw InvalidParameterException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("InvalidParameterException")
                      .errorMessage(
                          "Refresh token rotation is enabled: use GetTokensFromRefreshToken")
                      .build())
              .build();
        }

        @Override
        public GetTokensFromRefreshTokenResponse getTokensFromRefreshToken(
            GetTokensFromRefreshTokenRequest request) {
          rotated.set(request);
          long now = SrpProofTest.NOW.getEpochSecond();
          return GetTokensFromRefreshTokenResponse.builder()
              .authenticationResult(
                  AuthenticationResultType.builder()
                      .idToken(FakeCognito.jwt("sub-3", "erin", now, now + 3600))
                      .refreshToken("rotated-2")
                      .build())
              .build();
        }
      };

  @Test
  void refreshFallsBackToGetTokensFromRefreshTokenWhenTheClientRotates() {
    UserPoolTokens tokens = new UserPoolTokens(p -> rotatingPool);

    assertThat(tokens.refresh(PROFILE, "rotated-1", "erin", false).refreshToken())
        .contains("rotated-2");
    assertThat(tokens.refresh(PROFILE, "rotated-2", "erin", false).refreshToken())
        .contains("rotated-2");

    assertThat(initiateCalls).as("learnt once per app client").hasValue(1);
    assertThat(rotated.get().refreshToken()).isEqualTo("rotated-2");
    assertThat(rotated.get().clientSecret()).isEqualTo(SECRET);
  }

  @Test
  void anAppClientTheSessionRemembersAsRotatingIsRefreshedWithGetTokensFromRefreshTokenAtOnce() {
    UserPoolTokens freshlyStarted = new UserPoolTokens(p -> rotatingPool);

    assertThat(freshlyStarted.refresh(PROFILE, "rotated-1", "erin", true).refreshToken())
        .contains("rotated-2");

    assertThat(initiateCalls).as("no refused REFRESH_TOKEN_AUTH first").hasValue(0);
    assertThat(rotated.get().refreshToken()).isEqualTo("rotated-1");
  }

  @Test
  void refreshesRefusedAtTheSameTimeAllGoOnWithGetTokensFromRefreshToken() throws Exception {
    UserPoolTokens tokens = new UserPoolTokens(p -> rotatingPool);
    overlapping = new CountDownLatch(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<Tokens> first = two.submit(() -> tokens.refresh(PROFILE, "rotated-1", "erin", false));
      Future<Tokens> second = two.submit(() -> tokens.refresh(PROFILE, "rotated-1", "erin", false));

      assertThat(first.get(10, TimeUnit.SECONDS).refreshToken()).contains("rotated-2");
      assertThat(second.get(10, TimeUnit.SECONDS).refreshToken()).contains("rotated-2");
      assertThat(initiateCalls).as("both were refused before either learnt").hasValue(2);
    } finally {
      two.shutdownNow();
    }
  }
}

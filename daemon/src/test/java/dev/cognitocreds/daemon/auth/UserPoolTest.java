package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * Sign-in flows against faked user pools; the SRP proof is checked with {@link SrpServer}, and its
 * TIMESTAMP as Cognito does: against Cognito's clock ({@link SrpProofTest#NOW}, the {@code Date}
 * header of its answers), refused when more than five minutes off.
 */
class UserPoolTest {

  private static final String CLIENT_ID = "client1";
  private static final String SECRET = "app-client-secret";
  private static final String ALIAS = "licensed@example.com";

  private final SrpServer server = newServer();
  private final AtomicReference<Map<String, String>> initiated = new AtomicReference<>();
  private final AtomicReference<Map<String, String>> answered = new AtomicReference<>();

  private static SrpServer newServer() {
    try {
      return new SrpServer("5a17", new BigInteger("123456789abcdef0123456789abcdef", 16));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final CognitoIdentityProviderClient pool =
      new StubUserPoolClient() {
        @Override
        public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
          initiated.set(request.authParameters());
          return (InitiateAuthResponse)
              InitiateAuthResponse.builder()
                  .challengeName("PASSWORD_VERIFIER")
                  .challengeParameters(
                      Map.of(
                          "SALT",
                          "5a17",
                          "SRP_B",
                          server.largeB().toString(16),
                          "SECRET_BLOCK",
                          SrpProofTest.SECRET_BLOCK,
                          "USER_ID_FOR_SRP",
                          SrpProofTest.USER_ID,
                          "USERNAME",
                          SrpProofTest.USER_ID))
                  .sdkHttpResponse(
                      SdkHttpResponse.builder()
                          .statusCode(200)
                          .putHeader(
                              "Date",
                              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                  SrpProofTest.NOW.atOffset(ZoneOffset.UTC)))
                          .build())
                  .build();
        }

        @Override
        public RespondToAuthChallengeResponse respondToAuthChallenge(
            RespondToAuthChallengeRequest request) {
          answered.set(request.challengeResponses());
          if (!withinFiveMinutesOfCognitosClock(request.challengeResponses().get("TIMESTAMP"))) {
            throw NotAuthorizedException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("NotAuthorizedException")
                        .errorMessage("Timestamp is out of range or malformed.")
                        .build())
                .build();
          }
          try {
            String expected =
                server.expectedSignature(
                    new BigInteger(initiated.get().get("SRP_A"), 16), SrpProofTest.NOW);
            if (!expected.equals(request.challengeResponses().get("PASSWORD_CLAIM_SIGNATURE"))) {
              throw new IllegalStateException("wrong proof");
            }
          } catch (IllegalStateException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          long now = SrpProofTest.NOW.getEpochSecond();
          return RespondToAuthChallengeResponse.builder()
              .authenticationResult(
                  AuthenticationResultType.builder()
                      .idToken(FakeCognito.jwt("sub-1", SrpProofTest.USER_ID, now, now + 3600))
                      .accessToken("access")
                      .refreshToken("refresh")
                      .build())
              .build();
        }
      };

  private static boolean withinFiveMinutesOfCognitosClock(String timestamp) {
    try {
      Instant stamped =
          Instant.from(
              DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
                  .withZone(ZoneOffset.UTC)
                  .parse(timestamp));
      return Duration.between(stamped, SrpProofTest.NOW).abs().compareTo(Duration.ofMinutes(5))
          <= 0;
    } catch (DateTimeParseException | NullPointerException e) {
      return false;
    }
  }

  private static String secretHash(String username) {
    return FakeCognito.secretHash(SECRET, CLIENT_ID, username);
  }

  @Test
  void mfaSetupEnrolsAnAuthenticatorThenFinishesTheChallenge() {
    AtomicReference<String> verifiedCode = new AtomicReference<>();
    AtomicReference<RespondToAuthChallengeRequest> finished = new AtomicReference<>();
    CognitoIdentityProviderClient mfaPool =
        new StubUserPoolClient() {
          @Override
          public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
            return InitiateAuthResponse.builder()
                .challengeName("MFA_SETUP")
                .session("s1")
                .challengeParameters(
                    Map.of("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP", "bob"))
                .build();
          }

          @Override
          public AssociateSoftwareTokenResponse associateSoftwareToken(
              AssociateSoftwareTokenRequest request) {
            assertThat(request.session()).isEqualTo("s1");
            return AssociateSoftwareTokenResponse.builder()
                .secretCode("JBSWY3DPEHPK3PXP")
                .session("s2")
                .build();
          }

          @Override
          public VerifySoftwareTokenResponse verifySoftwareToken(
              VerifySoftwareTokenRequest request) {
            assertThat(request.session()).isEqualTo("s2");
            verifiedCode.set(request.userCode());
            return VerifySoftwareTokenResponse.builder()
                .status(VerifySoftwareTokenResponseType.SUCCESS)
                .session("s3")
                .build();
          }

          @Override
          public RespondToAuthChallengeResponse respondToAuthChallenge(
              RespondToAuthChallengeRequest request) {
            finished.set(request);
            long now = SrpProofTest.NOW.getEpochSecond();
            return RespondToAuthChallengeResponse.builder()
                .authenticationResult(
                    AuthenticationResultType.builder()
                        .idToken(FakeCognito.jwt("sub-2", "bob", now, now + 3600))
                        .refreshToken("r")
                        .build())
                .build();
          }
        };
    UserPool userPool =
        new UserPool(p -> mfaPool, new MutableClock(SrpProofTest.NOW), new SecureRandom());
    CognitoProfile profile =
        CognitoProfile.builder("acme")
            .region("us-east-2")
            .userPoolId("us-east-2_Pool1")
            .clientId(CLIENT_ID)
            .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
            .authFlow(AuthFlow.USER_PASSWORD_AUTH)
            .build();

    SignInStep.ChallengeRequired setup =
        (SignInStep.ChallengeRequired)
            userPool.start(profile, AuthFlow.USER_PASSWORD_AUTH, "bob", "Bob-Passw0rd!");

    Challenge challenge = setup.pending().challenge();
    assertThat(challenge.fields()).extracting(ChallengeField::name).containsExactly("USER_CODE");
    assertThat(challenge.parameters())
        .containsEntry("secretCode", "JBSWY3DPEHPK3PXP")
        .containsEntry(
            "otpauthUri",
            "otpauth://totp/us-east-2_Pool1:bob?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=us-east-2_Pool1");

    SignInStep done = userPool.answer(profile, setup.pending(), Map.of("USER_CODE", "123456"));

    assertThat(done).isInstanceOf(SignInStep.SignedIn.class);
    assertThat(verifiedCode.get()).isEqualTo("123456");
    assertThat(finished.get().challengeNameAsString()).isEqualTo("MFA_SETUP");
    assertThat(finished.get().session()).isEqualTo("s3");
    assertThat(finished.get().challengeResponses()).containsEntry("USERNAME", "bob");
  }

  @Test
  void srpSignInWithAnAliasAnswersAsTheUserCognitoNamed() throws Exception {
    CognitoProfile profile = srpProfile();
    UserPool userPool =
        new UserPool(p -> pool, new MutableClock(SrpProofTest.NOW), new SecureRandom());

    SignInStep step = userPool.start(profile, AuthFlow.USER_SRP_AUTH, ALIAS, SrpProofTest.PASSWORD);

    assertThat(step)
        .isInstanceOfSatisfying(
            SignInStep.SignedIn.class,
            signedIn ->
                assertThat(signedIn.tokens().claims().username()).isEqualTo(SrpProofTest.USER_ID));
    assertThat(initiated.get())
        .containsEntry("USERNAME", ALIAS)
        .containsEntry("SECRET_HASH", secretHash(ALIAS))
        .doesNotContainKey("PASSWORD")
        .doesNotContainValue(SrpProofTest.PASSWORD);
    assertThat(answered.get())
        .containsEntry("USERNAME", SrpProofTest.USER_ID)
        .containsEntry("SECRET_HASH", secretHash(SrpProofTest.USER_ID))
        .containsEntry("TIMESTAMP", "Thu Mar 5 07:08:09 UTC 2026")
        .containsEntry("PASSWORD_CLAIM_SECRET_BLOCK", SrpProofTest.SECRET_BLOCK)
        .doesNotContainValue(SrpProofTest.PASSWORD);
  }

  @ParameterizedTest(name = "this machine''s clock {0} s ahead of Cognito''s")
  @ValueSource(ints = {301, -301, 3600, -3600})
  void srpProofIsStampedOnCognitosClock(int secondsAhead) {
    UserPool userPool =
        new UserPool(
            p -> pool,
            new MutableClock(SrpProofTest.NOW.plusSeconds(secondsAhead)),
            new SecureRandom());

    SignInStep step =
        userPool.start(
            srpProfile(), AuthFlow.USER_SRP_AUTH, SrpProofTest.USER_ID, SrpProofTest.PASSWORD);

    assertThat(step).isInstanceOf(SignInStep.SignedIn.class);
    assertThat(answered.get()).containsEntry("TIMESTAMP", "Thu Mar 5 07:08:09 UTC 2026");
  }

  @Test
  void withoutADateHeaderTheProofIsStampedOnThisMachinesClock() {
    CognitoIdentityProviderClient noDate =
        new StubUserPoolClient() {
          @Override
          public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
            InitiateAuthResponse answer = pool.initiateAuth(request);
            return (InitiateAuthResponse) answer.toBuilder().sdkHttpResponse(null).build();
          }

          @Override
          public RespondToAuthChallengeResponse respondToAuthChallenge(
              RespondToAuthChallengeRequest request) {
            return pool.respondToAuthChallenge(request);
          }
        };
    UserPool userPool =
        new UserPool(
            p -> noDate, new MutableClock(SrpProofTest.NOW.plusSeconds(301)), new SecureRandom());

    assertThatThrownBy(
            () ->
                userPool.start(
                    srpProfile(),
                    AuthFlow.USER_SRP_AUTH,
                    SrpProofTest.USER_ID,
                    SrpProofTest.PASSWORD))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REFUSED))
        .hasMessageContaining("Timestamp is out of range");
    assertThat(answered.get()).containsEntry("TIMESTAMP", "Thu Mar 5 07:13:10 UTC 2026");
  }

  private static CognitoProfile srpProfile() {
    return CognitoProfile.builder("demo")
        .region("us-east-2")
        .userPoolId("us-east-2_" + SrpProofTest.POOL)
        .clientId(CLIENT_ID)
        .clientSecret(SECRET)
        .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
        .authFlow(AuthFlow.USER_SRP_AUTH)
        .build();
  }
}

package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.SRP_ONLY_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

class SignInTest {
  @RegisterExtension static final SeededUserPool SEEDED = new SeededUserPool();

  @Test
  void srpSignInWithTheRightPasswordReturnsTokens() {
    RespondToAuthChallengeResponse response =
        SignIn.srp(
            SEEDED.idp(),
            POOL,
            PUBLIC_CLIENT,
            "alice",
            "Alice-Passw0rd!",
            SEEDED.clock().instant());

    assertThat(response.authenticationResult().idToken()).isNotBlank();
    assertThat(response.authenticationResult().refreshToken()).isNotBlank();
    assertThat(response.authenticationResult().tokenType()).isEqualTo("Bearer");
    assertThat(response.authenticationResult().expiresIn()).isEqualTo(3600);
  }

  @Test
  void srpChallengeCarriesCognitosParameters() {
    SrpTestClient srp = new SrpTestClient(POOL);
    InitiateAuthResponse challenge =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(PUBLIC_CLIENT)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));

    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
    assertThat(challenge.session()).isNotBlank();
    assertThat(challenge.challengeParameters())
        .containsKeys("SALT", "SRP_B", "SECRET_BLOCK")
        .containsEntry("USER_ID_FOR_SRP", "alice")
        .containsEntry("USERNAME", "alice");
  }

  @Test
  void srpSignInWithAWrongPasswordFailsLikeCognito() {
    assertThatThrownBy(
            () ->
                SignIn.srp(
                    SEEDED.idp(),
                    POOL,
                    PUBLIC_CLIENT,
                    "alice",
                    "Wrong-Passw0rd!",
                    SEEDED.clock().instant()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Incorrect username or password.");
  }

  @ParameterizedTest(name = "TIMESTAMP {0} minutes off")
  @ValueSource(ints = {-6, 6})
  void srpSignatureWithATimestampOutsideFiveMinutesIsRefused(int minutesOff) {
    assertThatThrownBy(() -> aliceSignsInStamped(Duration.ofMinutes(minutesOff)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Timestamp is out of range");
  }

  @ParameterizedTest(name = "TIMESTAMP {0} minutes off")
  @ValueSource(ints = {-4, 4})
  void srpSignatureWithATimestampWithinFiveMinutesIsAccepted(int minutesOff) {
    assertThat(aliceSignsInStamped(Duration.ofMinutes(minutesOff)).authenticationResult())
        .isNotNull();
  }

  /** Alice's SRP sign-in with its TIMESTAMP {@code off} local-cognito's clock. */
  private static RespondToAuthChallengeResponse aliceSignsInStamped(Duration off) {
    return SignIn.srp(
        SEEDED.idp(),
        POOL,
        PUBLIC_CLIENT,
        "alice",
        "Alice-Passw0rd!",
        SEEDED.clock().instant().plus(off));
  }

  @Test
  void tamperedSecretBlockIsRefused() {
    SrpTestClient srp = new SrpTestClient(POOL);
    InitiateAuthResponse challenge =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(PUBLIC_CLIENT)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));
    Map<String, String> responses =
        new HashMap<>(
            srp.respond(
                challenge.challengeParameters(), "Alice-Passw0rd!", SEEDED.clock().instant()));
    responses.put(
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "AAAA" + responses.get("PASSWORD_CLAIM_SECRET_BLOCK").substring(4));

    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .respondToAuthChallenge(
                        r ->
                            r.clientId(PUBLIC_CLIENT)
                                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                                .session(challenge.session())
                                .challengeResponses(responses)))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void srpSessionExpiresAfterTheClientsAuthSessionValidity() {
    SrpTestClient srp = new SrpTestClient(POOL);
    InitiateAuthResponse challenge =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(PUBLIC_CLIENT)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));
    Instant later = SEEDED.clock().instant().plus(Duration.ofMinutes(4));
    SEEDED.clock().advance(Duration.ofMinutes(4));

    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .respondToAuthChallenge(
                        r ->
                            r.clientId(PUBLIC_CLIENT)
                                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                                .session(challenge.session())
                                .challengeResponses(
                                    srp.respond(
                                        challenge.challengeParameters(),
                                        "Alice-Passw0rd!",
                                        later))))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("session is expired");
  }

  @Test
  void passwordAuthSucceedsAndFailsLikeCognito() {
    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").accessToken())
        .isNotBlank();
    assertThatThrownBy(() -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "alice", "nope"))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Incorrect username or password.");
  }

  @Test
  void passwordAuthNeedsTheFlowEnabledOnTheClient() {
    assertThatThrownBy(
            () -> SignIn.password(SEEDED.idp(), SRP_ONLY_CLIENT, "alice", "Alice-Passw0rd!"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("USER_PASSWORD_AUTH flow not enabled for this client");
  }

  @Test
  void unknownUserIsReportedUnlessTheClientPreventsUserExistenceErrors() {
    assertThatThrownBy(() -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "nobody", "Whatever-1!"))
        .isInstanceOf(UserNotFoundException.class)
        .hasMessageStartingWith("User does not exist.");
    assertThatThrownBy(
            () ->
                SignIn.srp(
                    SEEDED.idp(),
                    POOL,
                    SRP_ONLY_CLIENT,
                    "nobody",
                    "Whatever-1!",
                    SEEDED.clock().instant()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Incorrect username or password.");
  }

  @Test
  void unknownUserGetsAnSrpChallengeWhenTheClientPreventsUserExistenceErrors() {
    InitiateAuthResponse challenge =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(SRP_ONLY_CLIENT)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(
                            Map.of("USERNAME", "nobody", "SRP_A", new SrpTestClient(POOL).srpA())));

    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
    assertThat(challenge.challengeParameters())
        .containsEntry("USER_ID_FOR_SRP", "nobody")
        .containsKey("SALT");
  }

  @Test
  void disabledAndUnconfirmedUsersCannotSignIn() {
    assertThatThrownBy(
            () -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "carol", "Carol-Passw0rd!"))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
    assertThatThrownBy(() -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "dave", "Dave-Passw0rd!"))
        .isInstanceOf(UserNotConfirmedException.class)
        .hasMessageStartingWith("User is not confirmed.");
  }

  @Test
  void unknownClientIsAResourceNotFound() {
    assertThatThrownBy(() -> SignIn.password(SEEDED.idp(), "noclient", "alice", "Alice-Passw0rd!"))
        .isInstanceOf(CognitoIdentityProviderException.class)
        .hasMessageStartingWith("User pool client noclient does not exist.");
  }

  @Test
  void refreshTokenAuthReturnsNewTokensWithoutANewRefreshToken() {
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").refreshToken();

    var refreshed =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(PUBLIC_CLIENT)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
            .authenticationResult();

    assertThat(refreshed.idToken()).isNotBlank();
    assertThat(refreshed.refreshToken()).isNull();
  }

  @Test
  void refreshTokenOfAnotherClientIsInvalid() {
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").refreshToken();

    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .initiateAuth(
                        r ->
                            r.clientId(SRP_ONLY_CLIENT)
                                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid Refresh Token");
  }
}

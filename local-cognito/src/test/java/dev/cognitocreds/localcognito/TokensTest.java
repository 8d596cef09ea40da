package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.CLIENT_SECRET;
import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.ROTATING_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.SECRET_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.SHORT_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

class TokensTest {
  @RegisterExtension static final SeededUserPool SEEDED = new SeededUserPool();

  @Test
  void idTokenIsSignedByTheKeyInTheJwksAndCarriesCognitosClaims() throws Exception {
    AuthenticationResultType tokens =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!");
    SignedJWT jwt = SignedJWT.parse(tokens.idToken());
    RSAKey key =
        JWKSet.parse(get("/" + POOL + "/.well-known/jwks.json"))
            .getKeyByKeyId(jwt.getHeader().getKeyID())
            .toRSAKey();

    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://cognito-idp.us-east-2.amazonaws.com/" + POOL);
    assertThat(claims.getAudience()).containsExactly(PUBLIC_CLIENT);
    assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
    assertThat(claims.getStringClaim("cognito:username")).isEqualTo("alice");
    assertThat(claims.getStringClaim("custom:isLicensed")).isEqualTo("1");
    assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("licensed", "support");
    assertThat(claims.getStringListClaim("cognito:roles"))
        .containsExactly(
            "arn:aws:iam::111122223333:role/licensed", "arn:aws:iam::111122223333:role/support");
    assertThat(claims.getStringClaim("cognito:preferred_role"))
        .isEqualTo("arn:aws:iam::111122223333:role/licensed");
    assertThat(claims.getClaim("origin_jti")).isNotNull();
    assertThat(claims.getLongClaim("auth_time"))
        .isEqualTo(SEEDED.clock().instant().getEpochSecond());
    assertThat(claims.getExpirationTime().toInstant().getEpochSecond())
        .isEqualTo(claims.getIssueTime().toInstant().getEpochSecond() + 3600);
  }

  @Test
  void accessTokenHasClientIdScopeAndUsername() throws Exception {
    JWTClaimsSet claims =
        SignedJWT.parse(
                SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!")
                    .accessToken())
            .getJWTClaimsSet();

    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("client_id")).isEqualTo(PUBLIC_CLIENT);
    assertThat(claims.getStringClaim("username")).isEqualTo("alice");
    assertThat(claims.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
    assertThat(claims.getAudience()).isEmpty();
  }

  @Test
  void tokenLifetimesFollowTheClientsValiditySettingsInSeconds() throws Exception {
    AuthenticationResultType tokens =
        SignIn.tokens(SEEDED.idp(), SHORT_CLIENT, "alice", "Alice-Passw0rd!");
    JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();

    assertThat(tokens.expiresIn()).isEqualTo(60);
    assertThat(id.getExpirationTime().getTime() - id.getIssueTime().getTime()).isEqualTo(90_000);
  }

  @Test
  void getUserAnswersWithAttributesAndExpiredAccessTokensAreRefused() {
    String accessToken =
        SignIn.tokens(SEEDED.idp(), SHORT_CLIENT, "alice", "Alice-Passw0rd!").accessToken();

    assertThat(SEEDED.idp().getUser(r -> r.accessToken(accessToken)).userAttributes())
        .contains(AttributeType.builder().name("email").value("alice@example.com").build());
    SEEDED.clock().advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> SEEDED.idp().getUser(r -> r.accessToken(accessToken)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Access Token has expired");
  }

  @Test
  void refreshTokenExpiresAfterItsValidity() {
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), SHORT_CLIENT, "alice", "Alice-Passw0rd!").refreshToken();
    SEEDED.clock().advance(Duration.ofSeconds(601));

    assertThatThrownBy(() -> refresh(SHORT_CLIENT, refreshToken))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Refresh Token has expired");
  }

  @Test
  void globalSignOutRevokesAccessAndRefreshTokensOfEverySignIn() {
    AuthenticationResultType first =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "erin", "Erin-Passw0rd!");
    AuthenticationResultType second =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "erin", "Erin-Passw0rd!");

    SEEDED.idp().globalSignOut(r -> r.accessToken(second.accessToken()));

    assertThatThrownBy(() -> SEEDED.idp().getUser(r -> r.accessToken(first.accessToken())))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Access Token has been revoked");
    assertThatThrownBy(() -> refresh(PUBLIC_CLIENT, first.refreshToken()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Refresh Token has been revoked");
    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "erin", "Erin-Passw0rd!").idToken())
        .isNotBlank();
  }

  @Test
  void adminGlobalSignOutRevokesTheUsersRefreshTokens() {
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "erin", "Erin-Passw0rd!").refreshToken();

    SEEDED.idp().adminUserGlobalSignOut(r -> r.userPoolId(POOL).username("erin"));

    assertThatThrownBy(() -> refresh(PUBLIC_CLIENT, refreshToken))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void disabledUserCanNeitherSignInNorRefreshAndDeletedUserIsGone() {
    SEEDED
        .idp()
        .adminCreateUser(
            r -> r.userPoolId(POOL).username("judy").temporaryPassword("Judy-Temp0rary!"));
    SEEDED
        .idp()
        .adminSetUserPassword(
            r -> r.userPoolId(POOL).username("judy").password("Judy-Passw0rd!").permanent(true));
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "judy", "Judy-Passw0rd!").refreshToken();

    SEEDED.idp().adminDisableUser(r -> r.userPoolId(POOL).username("judy"));
    assertThatThrownBy(() -> SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "judy", "Judy-Passw0rd!"))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");
    assertThatThrownBy(() -> refresh(PUBLIC_CLIENT, refreshToken))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("User is disabled.");

    SEEDED.idp().adminEnableUser(r -> r.userPoolId(POOL).username("judy"));
    assertThat(refresh(PUBLIC_CLIENT, refreshToken).idToken()).isNotBlank();
    SEEDED.idp().adminDeleteUser(r -> r.userPoolId(POOL).username("judy"));
    assertThatThrownBy(() -> refresh(PUBLIC_CLIENT, refreshToken))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> SEEDED.idp().adminGetUser(r -> r.userPoolId(POOL).username("judy")))
        .isInstanceOf(UserNotFoundException.class);
  }

  @Test
  void revokeTokenKillsOnlyThatSignIn() {
    AuthenticationResultType revoked =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!");
    AuthenticationResultType other =
        SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "alice", "Alice-Passw0rd!");

    SEEDED.idp().revokeToken(r -> r.clientId(PUBLIC_CLIENT).token(revoked.refreshToken()));

    assertThatThrownBy(() -> refresh(PUBLIC_CLIENT, revoked.refreshToken()))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> SEEDED.idp().getUser(r -> r.accessToken(revoked.accessToken())))
        .isInstanceOf(NotAuthorizedException.class);
    assertThat(refresh(PUBLIC_CLIENT, other.refreshToken()).idToken()).isNotBlank();
  }

  @Test
  void rotationIssuesANewRefreshTokenAndRefusesTheOldOneAfterTheGracePeriod() {
    String original =
        SignIn.tokens(SEEDED.idp(), ROTATING_CLIENT, "alice", "Alice-Passw0rd!").refreshToken();

    AuthenticationResultType rotated =
        SEEDED
            .idp()
            .getTokensFromRefreshToken(r -> r.clientId(ROTATING_CLIENT).refreshToken(original))
            .authenticationResult();
    assertThat(rotated.refreshToken()).isNotBlank().isNotEqualTo(original);

    SEEDED.clock().advance(Duration.ofSeconds(5));
    assertThat(
            SEEDED
                .idp()
                .getTokensFromRefreshToken(r -> r.clientId(ROTATING_CLIENT).refreshToken(original))
                .authenticationResult()
                .idToken())
        .as("within the grace period")
        .isNotBlank();

    SEEDED.clock().advance(Duration.ofSeconds(6));
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .getTokensFromRefreshToken(
                        r -> r.clientId(ROTATING_CLIENT).refreshToken(original)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid Refresh Token");
    assertThat(
            SEEDED
                .idp()
                .getTokensFromRefreshToken(
                    r -> r.clientId(ROTATING_CLIENT).refreshToken(rotated.refreshToken()))
                .authenticationResult()
                .refreshToken())
        .isNotBlank();
  }

  @Test
  void rotatingClientRefusesRefreshTokenAuth() {
    String refreshToken =
        SignIn.tokens(SEEDED.idp(), ROTATING_CLIENT, "alice", "Alice-Passw0rd!").refreshToken();

    assertThatThrownBy(() -> refresh(ROTATING_CLIENT, refreshToken))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("GetTokensFromRefreshToken");
  }

  @Test
  void clientWithASecretRequiresACorrectSecretHash() {
    Map<String, String> noHash = Map.of("USERNAME", "alice", "PASSWORD", "Alice-Passw0rd!");
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .initiateAuth(
                        r ->
                            r.clientId(SECRET_CLIENT)
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(noHash)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith(
            "Client " + SECRET_CLIENT + " is configured for secret but secret was not received");
    assertThatThrownBy(
            () ->
                SEEDED
                    .idp()
                    .initiateAuth(
                        r ->
                            r.clientId(SECRET_CLIENT)
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(
                                    Map.of(
                                        "USERNAME",
                                        "alice",
                                        "PASSWORD",
                                        "Alice-Passw0rd!",
                                        "SECRET_HASH",
                                        secretHash("mallory")))))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Unable to verify secret hash for client " + SECRET_CLIENT);

    InitiateAuthResponse ok =
        SEEDED
            .idp()
            .initiateAuth(
                r ->
                    r.clientId(SECRET_CLIENT)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(
                            Map.of(
                                "USERNAME",
                                "alice",
                                "PASSWORD",
                                "Alice-Passw0rd!",
                                "SECRET_HASH",
                                secretHash("alice"))));
    assertThat(ok.authenticationResult().idToken()).isNotBlank();
  }

  @Test
  void newPasswordRequiredAsksForMissingRequiredAttributesAndEnforcesThePolicy() {
    InitiateAuthResponse challenge =
        SignIn.password(SEEDED.idp(), PUBLIC_CLIENT, "bob", "Temp-Passw0rd!");
    assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    assertThat(challenge.challengeParameters().get("requiredAttributes"))
        .isEqualTo("[\"userAttributes.name\"]");
    assertThat(challenge.challengeParameters().get("userAttributes")).contains("bob@example.com");

    assertThatThrownBy(
            () ->
                answerNewPassword(
                    challenge.session(),
                    Map.of(
                        "USERNAME", "bob", "NEW_PASSWORD", "short", "userAttributes.name", "Bob")))
        .isInstanceOf(InvalidPasswordException.class)
        .hasMessageStartingWith("Password does not conform to policy: Password not long enough");
    assertThatThrownBy(
            () ->
                answerNewPassword(
                    challenge.session(),
                    Map.of("USERNAME", "bob", "NEW_PASSWORD", "Better-Passw0rd!")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("name is missing");

    var done =
        answerNewPassword(
            challenge.session(),
            Map.of(
                "USERNAME",
                "bob",
                "NEW_PASSWORD",
                "Better-Passw0rd!",
                "userAttributes.name",
                "Bob"));
    assertThat(done.authenticationResult().idToken()).isNotBlank();
    assertThat(SignIn.tokens(SEEDED.idp(), PUBLIC_CLIENT, "bob", "Better-Passw0rd!").idToken())
        .isNotBlank();
  }

  private software.amazon.awssdk.services.cognitoidentityprovider.model
          .RespondToAuthChallengeResponse
      answerNewPassword(String session, Map<String, String> responses) {
    return SEEDED
        .idp()
        .respondToAuthChallenge(
            r ->
                r.clientId(PUBLIC_CLIENT)
                    .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                    .session(session)
                    .challengeResponses(responses));
  }

  private AuthenticationResultType refresh(String clientId, String refreshToken) {
    return SEEDED
        .idp()
        .initiateAuth(
            r ->
                r.clientId(clientId)
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
        .authenticationResult();
  }

  private static String secretHash(String username) {
    return TestSecretHash.of(CLIENT_SECRET, username, SECRET_CLIENT);
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(SEEDED.cognito().endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}

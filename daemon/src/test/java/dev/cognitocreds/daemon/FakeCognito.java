package dev.cognitocreds.daemon;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenResponse;

/**
 * A user pool and identity pool in memory, speaking through the SDK's own client interfaces: one
 * user {@code alice} (sub {@code alice-sub}, e-mail alias {@code alice@example.com}) with password
 * {@code Passw0rd!}, who must set a new password first when {@code mustChangePassword}.
 */
public final class FakeCognito {

  public static final String PASSWORD = "Passw0rd!";
  private static final String USERNAME = "alice";
  private static final String ALIAS = "alice@example.com";

  private final MutableClock clock;
  public volatile Duration idTokenLifetime = Duration.ofHours(1);

  /** The lifetime of the (opaque) access tokens, which Cognito's {@code ExpiresIn} gives. */
  public volatile Duration accessTokenLifetime = Duration.ofHours(1);

  public volatile Duration credentialLifetime = Duration.ofHours(1);
  public volatile boolean mustChangePassword;

  /** The identity pool refuses every ID token, as when no rule matches (a revoked licence). */
  public volatile boolean refuseCredentials;

  /** What the identity pool says when it refuses. */
  public volatile String refusal =
      "The ambiguous role mapping rules for: cognito-idp.us-east-2.amazonaws.com/"
          + "us-east-2_AbC123 denied this request.";

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  /** Every request's auth parameters or challenge responses, in order. */
  public final List<Map<String, String>> parameters = new CopyOnWriteArrayList<>();

  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> idTokens = new CopyOnWriteArrayList<>();
  private final Set<String> rejectedIdTokens = ConcurrentHashMap.newKeySet();

  public FakeCognito(MutableClock clock) {
    this.clock = clock;
  }

  public int calls(String operation) {
    return calls.computeIfAbsent(operation, key -> new AtomicInteger()).get();
  }

  public void revokeAllRefreshTokens() {
    for (int i = 0; i <= issued.get(); i++) {
      revoked.add("refresh-" + i);
    }
  }

  /** The identity pool refuses every ID token issued so far, as after a global sign-out. */
  public void rejectIdTokensIssuedSoFar() {
    rejectedIdTokens.addAll(idTokens);
  }

  private void count(String operation) {
    calls.computeIfAbsent(operation, key -> new AtomicInteger()).incrementAndGet();
  }

  /** SECRET_HASH computed here, independently of the daemon's code. */
  public static String secretHash(String secret, String clientId, String username) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String jwt(String sub, String username, long issuedAt, long expiresAt) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String payload =
        "{\"sub\":\""
            + sub
            + "\",\"cognito:username\":\""
            + username
            + "\",\"iat\":"
            + issuedAt
            + ",\"exp\":"
            + expiresAt
            + "}";
    return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  private AuthenticationResultType tokens(boolean withRefreshToken) {
    long now = clock.instant().getEpochSecond();
    String idToken =
        jwt("alice-sub", USERNAME, now, now + idTokenLifetime.toSeconds()) + idTokens.size();
    idTokens.add(idToken);
    return AuthenticationResultType.builder()
        .idToken(idToken)
        .accessToken("access-" + issued.get())
        .refreshToken(withRefreshToken ? "refresh-" + issued.incrementAndGet() : null)
        .expiresIn((int) accessTokenLifetime.toSeconds())
        .build();
  }

  private static NotAuthorizedException notAuthorized(String message) {
    return NotAuthorizedException.builder()
        .statusCode(400)
        .message(message)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("NotAuthorizedException")
                .errorMessage(message)
                .build())
        .build();
  }

  public final CognitoIdentityProviderClient userPool =
      new StubUserPoolClient() {
        @Override
        public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
          count("InitiateAuth");
          Map<String, String> auth = request.authParameters();
          parameters.add(auth);
          if ("REFRESH_TOKEN_AUTH".equals(request.authFlowAsString())) {
            if (revoked.contains(auth.get("REFRESH_TOKEN"))) {
              throw notAuthorized("Refresh Token has been revoked");
            }
            return InitiateAuthResponse.builder().authenticationResult(tokens(false)).build();
          }
          String username = auth.get("USERNAME");
          if (!(USERNAME.equals(username) || ALIAS.equals(username))
              || !PASSWORD.equals(auth.get("PASSWORD"))) {
            throw notAuthorized("Incorrect username or password.");
          }
          if (mustChangePassword) {
            return InitiateAuthResponse.builder()
                .challengeName("NEW_PASSWORD_REQUIRED")
                .session("session-1")
                .challengeParameters(
                    Map.of(
                        "USER_ID_FOR_SRP",
                        USERNAME,
                        "requiredAttributes",
                        "[\"userAttributes.name\"]",
                        "userAttributes",
                        "{}"))
                .build();
          }
          return InitiateAuthResponse.builder().authenticationResult(tokens(true)).build();
        }

        @Override
        public RespondToAuthChallengeResponse respondToAuthChallenge(
            RespondToAuthChallengeRequest request) {
          count("RespondToAuthChallenge");
          parameters.add(request.challengeResponses());
          if (!"session-1".equals(request.session())) {
            throw notAuthorized("Invalid session for the user, session is expired.");
          }
          mustChangePassword = false;
          return RespondToAuthChallengeResponse.builder()
              .authenticationResult(tokens(true))
              .build();
        }

        @Override
        public GlobalSignOutResponse globalSignOut(GlobalSignOutRequest request) {
          count("GlobalSignOut");
          revokeAllRefreshTokens();
          return GlobalSignOutResponse.builder().build();
        }

        @Override
        public RevokeTokenResponse revokeToken(RevokeTokenRequest request) {
          count("RevokeToken");
          revoked.add(request.token());
          return RevokeTokenResponse.builder().build();
        }
      };

  public final CognitoIdentityClient identityPool =
      new CognitoIdentityClient() {
        @Override
        public GetIdResponse getId(GetIdRequest request) {
          count("GetId");
          return GetIdResponse.builder()
              .identityId("us-east-2:11111111-1111-4111-8111-111111111111")
              .build();
        }

        @Override
        public GetCredentialsForIdentityResponse getCredentialsForIdentity(
            GetCredentialsForIdentityRequest request) {
          count("GetCredentialsForIdentity");
          if (refuseCredentials) {
            String denied = refusal;
            throw software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException
                .builder()
                .statusCode(400)
                .message(denied)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("NotAuthorizedException")
                        .errorMessage(denied)
                        .build())
                .build();
          }
          if (request.logins().values().stream().anyMatch(rejectedIdTokens::contains)) {
            throw software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException
                .builder()
                .statusCode(400)
                .message("Token has been revoked.")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("NotAuthorizedException")
                        .errorMessage("Token has been revoked.")
                        .build())
                .build();
          }
          int n = calls("GetCredentialsForIdentity");
          return (GetCredentialsForIdentityResponse)
              GetCredentialsForIdentityResponse.builder()
                  .identityId(request.identityId())
                  .credentials(
                      Credentials.builder()
                          .accessKeyId("ASIAFAKE" + n)
                          .secretKey("secret-" + n)
                          .sessionToken("token-" + n)
                          .expiration(clock.instant().plus(credentialLifetime))
                          .build())
                  .sdkHttpResponse(
                      software.amazon.awssdk.http.SdkHttpResponse.builder()
                          .statusCode(200)
                          .putHeader(
                              "Date",
                              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                  clock.instant().atOffset(java.time.ZoneOffset.UTC)))
                          .build())
                  .build();
        }

        @Override
        public String serviceName() {
          return "cognito-identity";
        }

        @Override
        public void close() {}
      };
}

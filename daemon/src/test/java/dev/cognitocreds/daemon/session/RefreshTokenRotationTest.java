package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.account.AccountService;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.store.FileSessionStore;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.StoredSession;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RefreshTokenReuseException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenResponse;

/**
 * An app client that rotates refresh tokens: each new refresh token is in the store before it, or
 * the ID or access token that came with it, is used, whoever asked for the refresh (credentials,
 * passwd, logout --everywhere); a replayed old token signs the profile out; a restart remembers
 * that the client rotates. Its access tokens last 5 minutes, its ID tokens an hour.
 */
class RefreshTokenRotationTest {

  private static final String IDENTITY = "us-east-2:11111111-1111-4111-8111-111111111111";
  private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1);

  /** What happened, in order, across the fake Cognito and the store. */
  private final List<String> events = new CopyOnWriteArrayList<>();

  private final AtomicInteger rotations = new AtomicInteger(1);
  private final AtomicBoolean reuseDetected = new AtomicBoolean();
  private final AtomicBoolean diskFull = new AtomicBoolean();
  private final AtomicBoolean globalSignOutFails = new AtomicBoolean();
  private final AtomicInteger refusedInitiateAuths = new AtomicInteger();
  private Path config;
  private FileSessionStore files;

  @BeforeEach
  void signedInBefore() throws Exception {
    config = dir.resolve("config");
    Files.writeString(
        config,
        """
                [profile acme]
                region = us-east-2
                cognito_user_pool_id = us-east-2_AbC123
                cognito_client_id = client0id0000000000000000a
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                """);
    files = new FileSessionStore(dir.resolve("sessions"));
    files.save(
        "acme",
        new StoredSession(
            "refresh-1",
            "alice",
            "alice-sub",
            Optional.of(IDENTITY),
            "us-east-2_AbC123",
            "client0id0000000000000000a"));
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  private final CognitoIdentityProviderClient rotatingPool =
      new StubUserPoolClient() {
        @Override
        public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
          refusedInitiateAuths.incrementAndGet();
          throw InvalidParameterException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("InvalidParameterException")
                      .errorMessage(
                          "Refresh token rotation is enabled for this app client: use "
                              + "GetTokensFromRefreshToken instead of REFRESH_TOKEN_AUTH.")
                      .build())
              .build();
        }

        @Override
        public GetTokensFromRefreshTokenResponse getTokensFromRefreshToken(
            GetTokensFromRefreshTokenRequest request) {
          if (reuseDetected.get()) {
            throw RefreshTokenReuseException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("RefreshTokenReuseException")
                        .errorMessage("Refresh token has been reused.")
                        .build())
                .build();
          }
          int n = rotations.incrementAndGet();
          events.add("GetTokensFromRefreshToken " + request.refreshToken() + " -> refresh-" + n);
          long now = clock.instant().getEpochSecond();
          return GetTokensFromRefreshTokenResponse.builder()
              .authenticationResult(
                  AuthenticationResultType.builder()
                      .idToken(FakeCognito.jwt("alice-sub", "alice", now, now + 3600) + "-id-" + n)
                      .accessToken(
                          FakeCognito.jwt(
                                  "alice-sub",
                                  "alice",
                                  now,
                                  now + ACCESS_TOKEN_LIFETIME.toSeconds())
                              + "-access-"
                              + n)
                      .refreshToken("refresh-" + n)
                      .build())
              .build();
        }

        @Override
        public GlobalSignOutResponse globalSignOut(GlobalSignOutRequest request) {
          if (globalSignOutFails.get()) {
            events.add(
                "GlobalSignOut with access token " + suffix(request.accessToken()) + " failed");
            throw InternalErrorException.builder()
                .statusCode(500)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("InternalErrorException")
                        .errorMessage("Internal error")
                        .build())
                .build();
          }
          events.add("GlobalSignOut with access token " + suffix(request.accessToken()));
          return GlobalSignOutResponse.builder().build();
        }

        @Override
        public RevokeTokenResponse revokeToken(RevokeTokenRequest request) {
          events.add("RevokeToken " + request.token());
          return RevokeTokenResponse.builder().build();
        }

        @Override
        public ChangePasswordResponse changePassword(ChangePasswordRequest request) {
          events.add("ChangePassword with access token " + suffix(request.accessToken()));
          return ChangePasswordResponse.builder().build();
        }
      };

  private final CognitoIdentityClient identityPool =
      new CognitoIdentityClient() {
        @Override
        public GetCredentialsForIdentityResponse getCredentialsForIdentity(
            GetCredentialsForIdentityRequest request) {
          events.add(
              "GetCredentialsForIdentity with ID token "
                  + suffix(request.logins().values().iterator().next()));
          return GetCredentialsForIdentityResponse.builder()
              .identityId(request.identityId())
              .credentials(
                  Credentials.builder()
                      .accessKeyId("ASIAFAKE")
                      .secretKey("secret")
                      .sessionToken("token")
                      .expiration(clock.instant().plus(Duration.ofHours(1)))
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

  /** The file store, recording each write (and failing it while the disk is full). */
  private final SessionStore recordingStore =
      new SessionStore() {
        @Override
        public String kind() {
          return files.kind();
        }

        @Override
        public Optional<StoredSession> load(String profile) {
          return files.load(profile);
        }

        @Override
        public void save(String profile, StoredSession session) {
          if (diskFull.get()) {
            events.add("store refused " + session.refreshToken());
            throw new UncheckedIOException(new java.io.IOException("No space left on device"));
          }
          files.save(profile, session);
          events.add("stored " + session.refreshToken());
        }

        @Override
        public void delete(String profile) {
          events.add("deleted");
          files.delete(profile);
        }
      };

  /** The number a fake token ends in: which rotation it came with. */
  private static String suffix(String token) {
    return token.substring(token.lastIndexOf('-') + 1);
  }

  private SessionManager daemon() {
    SecureRandom random = new SecureRandom();
    return new SessionManager(
        new ProfileCatalog(config),
        Optional.empty(),
        new Upstream(
            new UserPool(profile -> rotatingPool, clock, random),
            new UserPoolTokens(profile -> rotatingPool),
            new IdentityPool(profile -> identityPool, clock),
            new UserPoolAccounts(profile -> rotatingPool)),
        recordingStore,
        new SignInConversations(clock, Duration.ofMinutes(3), random),
        clock,
        new RefreshTiming(() -> 0.0),
        background);
  }

  @Test
  void theRotatedRefreshTokenIsStoredBeforeTheIdTokenThatCameWithItIsUsed() {
    SessionManager sessions = daemon();

    assertThat(sessions.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE");

    assertThat(events)
        .containsExactly(
            "GetTokensFromRefreshToken refresh-1 -> refresh-2",
            "stored refresh-2",
            "GetCredentialsForIdentity with ID token 2");
    assertThat(files.load("acme"))
        .get()
        .extracting(StoredSession::refreshToken)
        .isEqualTo("refresh-2");
  }

  @Test
  void aRotationThatCannotBeStoredIsNotUsedAndTheNextOneIsStoredFirst() {
    SessionManager sessions = daemon();
    diskFull.set(true);

    assertThatThrownBy(() -> sessions.credentials("acme"))
        .isInstanceOf(Failure.class)
        .hasMessageContaining("cannot write the session to the file store");
    assertThat(events)
        .as("the ID token of an unstored rotation is never exchanged")
        .containsExactly(
            "GetTokensFromRefreshToken refresh-1 -> refresh-2", "store refused refresh-2");

    diskFull.set(false);
    events.clear();
    clock.advance(Duration.ofMinutes(2)); // past the failure back-off
    assertThat(sessions.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE");
    assertThat(events)
        .as("the running daemon kept the newest token")
        .containsExactly(
            "GetTokensFromRefreshToken refresh-2 -> refresh-3",
            "stored refresh-3",
            "GetCredentialsForIdentity with ID token 3");
  }

  @Test
  void aReusedRefreshTokenSignsTheProfileOutWithTheCommandThatFixesIt() {
    reuseDetected.set(true);
    SessionManager sessions = daemon();

    assertThatThrownBy(() -> sessions.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class, failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGNED_OUT))
        .hasMessage("profile acme is signed out: run `cognito-creds login --profile acme`");
    assertThat(events).containsExactly("deleted");
    assertThat(files.load("acme")).isEmpty();
    assertThat(sessions.status())
        .singleElement()
        .satisfies(status -> assertThat(status.state()).isEqualTo(ProfileStatus.State.SIGNED_OUT));
  }

  @Test
  void passwdRefreshesAnAccessTokenThatExpiresBeforeTheIdTokenAndStoresTheRotationFirst() {
    SessionManager sessions = daemon();
    AccountService accounts =
        new AccountService(
            name -> new ProfileCatalog(config).current().require(name),
            sessions::accessToken,
            new UserPoolAccounts(profile -> rotatingPool));
    sessions.credentials("acme");
    accounts.changePassword("acme", "Old-Passw0rd", "New-Passw0rd");
    events.clear();

    clock.advance(ACCESS_TOKEN_LIFETIME.plusMinutes(1)); // the ID token has 54 minutes left
    accounts.changePassword("acme", "New-Passw0rd", "Newer-Passw0rd");

    assertThat(events)
        .containsExactly(
            "GetTokensFromRefreshToken refresh-2 -> refresh-3",
            "stored refresh-3",
            "ChangePassword with access token 3");
  }

  @Test
  void logoutEverywhereStoresTheRotatedTokenBeforeUsingItsAccessTokenAndThenRevokesTheNewest() {
    globalSignOutFails.set(true);

    assertThat(daemon().logout("acme", true)).as("this machine's token revoked still").isTrue();

    assertThat(events)
        .containsExactly(
            "GetTokensFromRefreshToken refresh-1 -> refresh-2",
            "stored refresh-2",
            "GlobalSignOut with access token 2 failed",
            "RevokeToken refresh-2",
            "deleted");
    assertThat(files.load("acme")).isEmpty();
  }

  @Test
  void logoutEverywhereOfARunningSessionUsesItsValidAccessTokenWithoutARefresh() {
    SessionManager sessions = daemon();
    sessions.credentials("acme");
    events.clear();

    assertThat(sessions.logout("acme", true)).isTrue();

    assertThat(events).containsExactly("GlobalSignOut with access token 2", "deleted");
  }

  @Test
  void aRestartedDaemonRemembersThatTheAppClientRotatesAndAsksGetTokensFromRefreshTokenAtOnce() {
    daemon().credentials("acme");
    assertThat(refusedInitiateAuths).as("learnt from Cognito once").hasValue(1);
    assertThat(files.load("acme"))
        .get()
        .extracting(StoredSession::rotatesRefreshTokens)
        .isEqualTo(true);

    SessionManager restarted = daemon();
    events.clear();
    assertThat(restarted.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE");

    assertThat(refusedInitiateAuths)
        .as("no refused REFRESH_TOKEN_AUTH after the restart")
        .hasValue(1);
    assertThat(events)
        .containsExactly(
            "GetTokensFromRefreshToken refresh-2 -> refresh-3",
            "stored refresh-3",
            "GetCredentialsForIdentity with ID token 3");
  }
}

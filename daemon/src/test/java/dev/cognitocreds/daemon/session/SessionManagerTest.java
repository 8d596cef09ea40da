package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.store.FileSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session layer wired to the real auth, identity and store layers, with Cognito faked. */
class SessionManagerTest {

  private static final String CLIENT_ID = "client0id0000000000000000a";
  private static final String CLIENT_SECRET = "s3cr3t";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));
  private final FakeCognito cognito = new FakeCognito(clock);
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
  private Path config;
  private Path sessionsDir;

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("config");
    sessionsDir = dir.resolve("state/sessions");
    Files.writeString(
        config,
        """
                [profile acme]
                region = us-east-2
                cognito_user_pool_id = us-east-2_AbC123
                cognito_client_id = %s
                cognito_client_secret = %s
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                cognito_auth_flow = USER_PASSWORD_AUTH

                [profile broken]
                cognito_user_pool_id = not-a-pool
                cognito_client_id = abc
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                """
            .formatted(CLIENT_ID, CLIENT_SECRET));
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  /** A fresh manager over the same files: what a daemon restart sees. */
  private SessionManager daemon() {
    return daemon(new ProfileCatalog(config));
  }

  private SessionManager daemon(ProfileCatalog catalog) {
    SecureRandom random = new SecureRandom();
    return new SessionManager(
        catalog,
        Optional.empty(),
        new Upstream(
            new UserPool(profile -> cognito.userPool, clock, random),
            new UserPoolTokens(profile -> cognito.userPool),
            new IdentityPool(profile -> cognito.identityPool, clock),
            new UserPoolAccounts(profile -> cognito.userPool)),
        new FileSessionStore(sessionsDir),
        new SignInConversations(clock, Duration.ofMinutes(3), random),
        clock,
        new RefreshTiming(() -> 0.0),
        background);
  }

  private static String secretHash(String username) {
    return FakeCognito.secretHash(CLIENT_SECRET, CLIENT_ID, username);
  }

  @Test
  void aliasSignInRemembersCognitosUsernameAndARestartNeedsNoNewSignIn() throws Exception {
    LoginOutcome outcome =
        daemon().login("acme", Optional.empty(), "alice@example.com", FakeCognito.PASSWORD);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            LoginOutcome.SignedIn.class,
            signedIn -> {
              assertThat(signedIn.username()).isEqualTo("alice");
              assertThat(signedIn.identityId())
                  .isEqualTo("us-east-2:11111111-1111-4111-8111-111111111111");
              assertThat(signedIn.expiration())
                  .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
            });
    assertThat(cognito.parameters.get(0))
        .containsEntry("SECRET_HASH", secretHash("alice@example.com"))
        .doesNotContainKey("SRP_A");
    assertThat(Files.readString(sessionsDir.resolve("acme.json")))
        .contains("\"username\" : \"alice\"", "us-east-2:11111111-1111-4111-8111-111111111111")
        .doesNotContain(FakeCognito.PASSWORD);

    SessionManager restarted = daemon();
    assertThat(restarted.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE2");
    assertThat(cognito.parameters.get(1))
        .containsEntry("REFRESH_TOKEN", "refresh-1")
        .containsEntry("SECRET_HASH", secretHash("alice"));
    assertThat(cognito.calls("GetId")).as("identity id remembered").isEqualTo(1);
  }

  @Test
  void idTokenIsRefreshedOnlyWhenCloseToExpiry() {
    cognito.credentialLifetime = Duration.ofMinutes(15);
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    assertThat(cognito.calls("InitiateAuth")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(15));
    assertThat(sessions.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE2");
    assertThat(cognito.calls("InitiateAuth")).as("ID token still has 45 minutes").isEqualTo(1);

    clock.advance(Duration.ofMinutes(41));
    assertThat(sessions.credentials("acme").accessKeyId()).isEqualTo("ASIAFAKE3");
    assertThat(cognito.calls("InitiateAuth")).as("ID token had 4 minutes left").isEqualTo(2);
    assertThat(cognito.calls("GetCredentialsForIdentity")).isEqualTo(3);
  }

  @Test
  void anAccessTokenThatExpiresBeforeTheIdTokenIsRefreshedOnItsOwnExpiry() {
    cognito.accessTokenLifetime = Duration.ofMinutes(5);
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    String signedIn = sessions.accessToken("acme");
    assertThat(cognito.calls("InitiateAuth")).as("still valid: no refresh").isEqualTo(1);

    clock.advance(Duration.ofMinutes(6));

    assertThat(sessions.accessToken("acme")).isNotEqualTo(signedIn);
    assertThat(cognito.calls("InitiateAuth"))
        .as("refreshed though the ID token has 54 minutes")
        .isEqualTo(2);
  }

  @Test
  void refreshTokenRejectedByCognitoSignsTheProfileOut() {
    daemon().login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    cognito.revokeAllRefreshTokens();
    SessionManager restarted = daemon();

    assertThatThrownBy(() -> restarted.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGNED_OUT);
              assertThat(failure)
                  .hasMessage(
                      "profile acme is signed out: run `cognito-creds login --profile acme`");
            });
    assertThat(sessionsDir.resolve("acme.json")).doesNotExist();
    assertThat(restarted.status())
        .filteredOn(status -> status.profile().equals("acme"))
        .singleElement()
        .satisfies(status -> assertThat(status.state()).isEqualTo(ProfileStatus.State.SIGNED_OUT));
    int refreshes = cognito.calls("InitiateAuth");
    assertThatThrownBy(() -> restarted.credentials("acme")).isInstanceOf(Failure.class);
    assertThat(cognito.calls("InitiateAuth"))
        .as("no retry of a rejected refresh token")
        .isEqualTo(refreshes);
  }

  @Test
  void idTokenRefusedByTheIdentityPoolIsRefreshedOnce() {
    cognito.idTokenLifetime = Duration.ofHours(2);
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    cognito.rejectIdTokensIssuedSoFar();
    clock.advance(Duration.ofMinutes(59).plusSeconds(30));

    assertThat(sessions.credentials("acme").accessKeyId())
        .as("second exchange refused, third served")
        .isEqualTo("ASIAFAKE3");
    assertThat(cognito.calls("InitiateAuth")).as("sign-in and one refresh").isEqualTo(2);
  }

  @Test
  void globalSignOutWhileRunningSignsOutAtTheNextExchange() {
    cognito.idTokenLifetime = Duration.ofHours(2);
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    cognito.rejectIdTokensIssuedSoFar();
    cognito.revokeAllRefreshTokens();
    clock.advance(Duration.ofMinutes(59).plusSeconds(30));

    assertThatThrownBy(() -> sessions.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class, failure -> assertThat(failure.code()).isEqualTo("SignedOut"));
  }

  @Test
  void aRefusalOfAFreshIdTokenStopsTheCachedCredentialsUntilTheIdentityPoolGivesAgain() {
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    String cached = sessions.credentials("acme").accessKeyId();
    cognito.refuseCredentials = true;
    clock.advance(Duration.ofMinutes(45));

    await()
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> sessions.credentials("acme"))
                    .isInstanceOfSatisfying(
                        Failure.class,
                        failure -> {
                          assertThat(failure.kind()).isEqualTo(Failure.Kind.CREDENTIALS_REFUSED);
                          assertThat(failure.code()).isEqualTo("CredentialsRefused");
                          assertThat(failure.getMessage())
                              .isEqualTo(
                                  "the publisher's identity pool refused credentials for profile"
                                      + " acme (licence revoked or no matching rule); contact the"
                                      + " publisher");
                        }));
    assertThat(sessions.credentialsWithoutWaiting("acme")).isEmpty();
    ProfileStatus refused = sessions.status().get(0);
    assertThat(refused.state()).isEqualTo(ProfileStatus.State.REFUSED);
    assertThat(refused.lastError()).get().asString().contains("contact the publisher");
    assertThat(refused.username()).contains("alice");

    cognito.refuseCredentials = false;
    clock.advance(Duration.ofMinutes(2));

    await()
        .ignoreException(Failure.class)
        .untilAsserted(
            () ->
                assertThat(sessions.credentials("acme").accessKeyId())
                    .as("granted again: new credentials without a new sign-in")
                    .isNotEqualTo(cached));
    assertThat(sessions.status().get(0).state()).isEqualTo(ProfileStatus.State.SIGNED_IN);
  }

  @Test
  void whileRefusedARequestAsksAgainAtMostOncePerIntervalAndTheFirstAfterAGrantIsServed() {
    // no wake-ups: only requests make the daemon ask the identity pool
    background.shutdownNow();
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    String cached = sessions.credentials("acme").accessKeyId();
    cognito.refuseCredentials = true;
    clock.advance(Duration.ofMinutes(45));
    try {
      sessions.credentials("acme"); // starts the renewal that finds the refusal
    } catch (Failure refusedAlready) {
      // the renewal was quicker than the request
    }
    await().until(() -> sessions.status().get(0).state() == ProfileStatus.State.REFUSED);

    assertThatThrownBy(() -> sessions.credentials("acme"))
        .as("the first request after the refusal asks again, and is refused")
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("CredentialsRefused"));
    int exchanges = cognito.calls("GetCredentialsForIdentity");
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> sessions.credentials("acme"))
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo("CredentialsRefused"));
    }
    clock.advance(ProfileSession.REFUSED_RETRY_INTERVAL.minusSeconds(1));
    assertThatThrownBy(() -> sessions.credentials("acme")).isInstanceOf(Failure.class);
    assertThat(cognito.calls("GetCredentialsForIdentity"))
        .as("a refused loop does not ask again within the interval")
        .isEqualTo(exchanges);

    cognito.refuseCredentials = false;
    clock.advance(Duration.ofSeconds(1));

    assertThat(sessions.credentials("acme").accessKeyId())
        .as("the first request after the interval asks and gets the answer itself")
        .isNotEqualTo(cached);
    assertThat(sessions.status().get(0).state()).isEqualTo(ProfileStatus.State.SIGNED_IN);
  }

  @Test
  void anIdTokenTheIdentityPoolFindsInvalidIsNotARefusal() {
    cognito.idTokenLifetime = Duration.ofHours(2);
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    cognito.refuseCredentials = true;
    cognito.refusal = "Invalid login token. Token expired: 1 >= 0";
    clock.advance(Duration.ofMinutes(61));

    assertThatThrownBy(() -> sessions.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.code()).isNotEqualTo("CredentialsRefused"));
    assertThat(sessions.status().get(0).state()).isEqualTo(ProfileStatus.State.SIGNED_IN);
  }

  @Test
  void newPasswordChallengeIsAnsweredThroughTheConversation() throws Exception {
    cognito.mustChangePassword = true;
    SessionManager sessions = daemon();
    LoginOutcome first =
        sessions.login("acme", Optional.empty(), "alice@example.com", FakeCognito.PASSWORD);

    LoginOutcome.ChallengeAsked asked = (LoginOutcome.ChallengeAsked) first;
    assertThat(asked.challenge().name()).isEqualTo("NEW_PASSWORD_REQUIRED");
    assertThat(asked.challenge().fields())
        .extracting(ChallengeField::name)
        .containsExactly("NEW_PASSWORD", "userAttributes.name");
    assertThat(asked.challenge().fields().get(0).secret()).isTrue();
    assertThat(asked.challenge().fields().get(0).confirm()).isTrue();
    assertThat(asked.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));

    assertThatThrownBy(
            () ->
                sessions.answer(
                    "acme", asked.conversation(), Map.of("NEW_PASSWORD", "N3w-Passw0rd!")))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.BAD_REQUEST);
              assertThat(failure).hasMessageContaining("userAttributes.name");
            });
    LoginOutcome second =
        sessions.answer(
            "acme",
            asked.conversation(),
            Map.of("NEW_PASSWORD", "N3w-Passw0rd!", "userAttributes.name", "Alice"));

    assertThat(second).isInstanceOf(LoginOutcome.SignedIn.class);
    assertThat(cognito.parameters.get(1))
        .containsEntry("USERNAME", "alice")
        .containsEntry("NEW_PASSWORD", "N3w-Passw0rd!")
        .containsEntry("userAttributes.name", "Alice")
        .containsEntry("SECRET_HASH", secretHash("alice"));
    assertThatThrownBy(
            () -> sessions.answer("acme", asked.conversation(), Map.of("NEW_PASSWORD", "x")))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.CONVERSATION_EXPIRED));
  }

  @Test
  void conversationExpiresWithCognitosSession() {
    cognito.mustChangePassword = true;
    SessionManager sessions = daemon();
    var asked =
        (LoginOutcome.ChallengeAsked)
            sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    clock.advance(Duration.ofMinutes(3));
    assertThatThrownBy(
            () ->
                sessions.answer(
                    "acme",
                    asked.conversation(),
                    Map.of("NEW_PASSWORD", "N3w-Passw0rd!", "userAttributes.name", "Alice")))
        .isInstanceOfSatisfying(
            Failure.class, failure -> assertThat(failure.code()).isEqualTo("ConversationExpired"));
  }

  @Test
  void wrongPasswordIsRefusedWithCognitosMessage() {
    assertThatThrownBy(() -> daemon().login("acme", Optional.empty(), "alice", "wrong"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGN_IN_REFUSED);
              assertThat(failure.code()).isEqualTo("NotAuthorizedException");
              assertThat(failure).hasMessage("Incorrect username or password.");
            });
    assertThat(sessionsDir.resolve("acme.json")).doesNotExist();
  }

  @Test
  void credentialsAreAtHandOnlyFromASignedInSessionInMemoryThatNeedsNoRenewalNorALookAtTheConfig() {
    SessionManager sessions = daemon(new ProfileCatalog(config, clock, Duration.ofSeconds(1)));
    assertThat(sessions.credentialsWithoutWaiting("acme")).as("config file never read").isEmpty();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    AwsCredentials served = sessions.credentials("acme");
    int calls = cognito.calls("GetCredentialsForIdentity") + cognito.calls("InitiateAuth");

    assertThat(sessions.credentialsWithoutWaiting("acme")).containsSame(served);
    assertThat(sessions.credentialsWithoutWaiting("nosuch")).isEmpty();
    assertThat(sessions.credentialsWithoutWaiting("broken")).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.credentialsWithoutWaiting("acme"))
        .as("the config file is due a look")
        .isEmpty();
    sessions.status();
    assertThat(sessions.credentialsWithoutWaiting("acme")).containsSame(served);

    clock.advance(Duration.ofMinutes(41));
    sessions.status();
    assertThat(sessions.credentialsWithoutWaiting("acme"))
        .as("past the prefetch time: a renewal is due")
        .isEmpty();
    assertThat(cognito.calls("GetCredentialsForIdentity") + cognito.calls("InitiateAuth"))
        .as("asking without waiting never calls Cognito")
        .isEqualTo(calls);

    assertThat(sessions.credentials("acme"))
        .as("still served; renewed in the background")
        .isSameAs(served);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sessions.credentialsWithoutWaiting("acme").isPresent());
    assertThat(sessions.credentialsWithoutWaiting("acme").orElseThrow().accessKeyId())
        .isNotEqualTo(served.accessKeyId());
    sessions.logout("acme", false);
    assertThat(sessions.credentialsWithoutWaiting("acme")).as("signed out").isEmpty();
  }

  @Test
  void logoutRevokesTheRefreshTokenAndForgetsTheSession() {
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);

    assertThat(sessions.logout("acme", false)).isTrue();

    assertThat(cognito.calls("RevokeToken")).isEqualTo(1);
    assertThat(sessionsDir.resolve("acme.json")).doesNotExist();
    assertThatThrownBy(() -> sessions.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGNED_OUT));
  }

  @Test
  void logoutEverywhereSignsOutEverySessionOfTheUser() {
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);

    assertThat(sessions.logout("acme", true)).isTrue();

    assertThat(cognito.calls("GlobalSignOut")).isEqualTo(1);
    assertThat(cognito.calls("RevokeToken")).isZero();
    assertThat(sessionsDir.resolve("acme.json")).doesNotExist();
  }

  @Test
  void logoutOfASignedOutProfileIsHarmless() {
    assertThat(daemon().logout("acme", false)).isFalse();
    assertThat(cognito.calls("RevokeToken")).isZero();
  }

  @Test
  void logoutOfAProfileTheFileDoesNotHaveNamesTheKnownOnes() {
    assertThatThrownBy(() -> daemon().logout("nobody", false))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.PROFILE_NOT_FOUND))
        .hasMessageContaining("no cognito profile named nobody")
        .hasMessageContaining("acme");
  }

  @Test
  void brokenProfileIsReportedWhileTheOthersWork() {
    SessionManager sessions = daemon();
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);

    assertThat(sessions.status())
        .extracting(ProfileStatus::profile, ProfileStatus::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acme", ProfileStatus.State.SIGNED_IN),
            org.assertj.core.groups.Tuple.tuple("broken", ProfileStatus.State.INVALID));
    assertThat(sessions.status().get(1).problems())
        .singleElement()
        .asString()
        .contains(config.toString(), "profile broken", "cognito_user_pool_id");
    assertThatThrownBy(() -> sessions.credentials("broken"))
        .isInstanceOfSatisfying(
            Failure.class, failure -> assertThat(failure.code()).isEqualTo("InvalidProfile"));
    assertThat(sessions.defaultProfile()).as("the only valid profile").isEqualTo("acme");
  }

  @Test
  void unknownProfileListsTheKnownOnes() {
    assertThatThrownBy(() -> daemon().credentials("nope"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.PROFILE_NOT_FOUND);
              assertThat(failure).hasMessageContaining("acme, broken");
            });
  }
}

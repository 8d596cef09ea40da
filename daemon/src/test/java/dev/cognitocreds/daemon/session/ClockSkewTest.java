package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * This machine's clock minutes ahead of or behind Cognito's: credentials are served with their
 * expiry on this machine's clock, tokens and credentials are renewed once each when due, never on
 * every request, and never used past their real end.
 */
class ClockSkewTest {

  private static final Instant START = Instant.parse("2026-11-30T07:00:00Z");
  private static final Duration CREDENTIALS = Duration.ofMinutes(15);
  private static final Duration ID_TOKENS = Duration.ofMinutes(5);

  @TempDir Path dir;
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  @ParameterizedTest(name = "this machine {0} minutes ahead of Cognito")
  @ValueSource(ints = {5, -5})
  void credentialsAreServedAndRenewedOnThisMachinesClock(int minutesAhead) throws Exception {
    MutableClock local = new MutableClock(START);
    MutableClock cognitoClock = new MutableClock(START.minus(Duration.ofMinutes(minutesAhead)));
    FakeCognito cognito = new FakeCognito(cognitoClock);
    cognito.idTokenLifetime = ID_TOKENS;
    cognito.accessTokenLifetime = ID_TOKENS;
    cognito.credentialLifetime = CREDENTIALS;
    Path config = dir.resolve("config");
    Files.writeString(
        config,
        """
        [profile acme]
        region = us-east-2
        cognito_user_pool_id = us-east-2_AbC123
        cognito_client_id = client0id0000000000000000a
        cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
        cognito_auth_flow = USER_PASSWORD_AUTH
        """);
    SecureRandom random = new SecureRandom();
    SessionManager sessions =
        new SessionManager(
            new ProfileCatalog(config),
            Optional.empty(),
            new Upstream(
                new UserPool(profile -> cognito.userPool, local, random),
                new UserPoolTokens(profile -> cognito.userPool),
                new IdentityPool(profile -> cognito.identityPool, local),
                new UserPoolAccounts(profile -> cognito.userPool)),
            new FileSessionStore(dir.resolve("sessions")),
            new SignInConversations(local, Duration.ofMinutes(3), random),
            local,
            new RefreshTiming(() -> 0.0),
            background);

    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    AwsCredentials first = sessions.credentials("acme");

    assertThat(first.expiration())
        .as("expiry on this machine's clock")
        .isEqualTo(local.instant().plus(CREDENTIALS));
    for (int i = 0; i < 50; i++) {
      local.advance(Duration.ofSeconds(1));
      cognitoClock.advance(Duration.ofSeconds(1));
      assertThat(sessions.credentials("acme")).isEqualTo(first);
    }
    assertThat(cognito.calls("GetCredentialsForIdentity"))
        .as("no renewal on every request")
        .isOne();
    assertThat(cognito.calls("InitiateAuth")).as("the sign-in only, no token refresh").isOne();

    // past the prefetch time (7.5 min before the end): renewed once, with a refreshed ID token
    local.advance(Duration.ofMinutes(8));
    cognitoClock.advance(Duration.ofMinutes(8));
    sessions.credentials("acme");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(sessions.credentials("acme")).isNotEqualTo(first));
    AwsCredentials renewed = sessions.credentials("acme");
    assertThat(renewed.expiration()).isEqualTo(local.instant().plus(CREDENTIALS));
    assertThat(cognito.calls("GetCredentialsForIdentity")).isEqualTo(2);
    assertThat(cognito.calls("InitiateAuth")).as("one token refresh").isEqualTo(2);
  }
}

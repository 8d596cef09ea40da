package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.store.FileSessionStore;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.StoredSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the session layer does when the store fails under it: a damaged file, a full folder. */
class StoreFaultsTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));
  private final FakeCognito cognito = new FakeCognito(clock);
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
  private Path config;
  private Path sessionsDir;

  /** The file store, with writes that fail as on a full disk while {@code full} is set. */
  private final class FillingStore implements SessionStore {
    final FileSessionStore files = new FileSessionStore(sessionsDir);
    volatile boolean full;
    volatile boolean readOnly;

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
      if (full) {
        throw new UncheckedIOException(
            "cannot write the session file "
                + sessionsDir.resolve(profile + ".json")
                + " (FileSystemException: No space left on device): free some space in "
                + sessionsDir,
            new IOException("No space left on device"));
      }
      files.save(profile, session);
    }

    @Override
    public void delete(String profile) {
      if (readOnly) {
        throw new UncheckedIOException(
            "cannot delete session file " + sessionsDir.resolve(profile + ".json"),
            new IOException("Read-only file system"));
      }
      files.delete(profile);
    }
  }

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("config");
    sessionsDir = dir.resolve("state/sessions");
    String profile =
        """
        [profile %s]
        region = us-east-2
        cognito_user_pool_id = us-east-2_AbC123
        cognito_client_id = client0id0000000000000000a
        cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
        cognito_auth_flow = USER_PASSWORD_AUTH
        """;
    Files.writeString(config, profile.formatted("acme") + "\n" + profile.formatted("other"));
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  private SessionManager daemon(SessionStore store) {
    SecureRandom random = new SecureRandom();
    return new SessionManager(
        new ProfileCatalog(config),
        Optional.empty(),
        new Upstream(
            new UserPool(profile -> cognito.userPool, clock, random),
            new UserPoolTokens(profile -> cognito.userPool),
            new IdentityPool(profile -> cognito.identityPool, clock),
            new UserPoolAccounts(profile -> cognito.userPool)),
        store,
        new SignInConversations(clock, Duration.ofMinutes(3), random),
        clock,
        new RefreshTiming(() -> 0.0),
        background);
  }

  @Test
  void aCorruptedSessionFileIsNamedAndTheOtherProfilesAreStillServed() throws Exception {
    SessionManager first = daemon(new FileSessionStore(sessionsDir));
    first.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    first.login("other", Optional.empty(), "alice", FakeCognito.PASSWORD);
    Path damaged = sessionsDir.resolve("acme.json");
    Files.writeString(damaged, "{\"refreshToken\": \"refre");

    SessionManager restarted = daemon(new FileSessionStore(sessionsDir));

    assertThatThrownBy(() -> restarted.credentials("acme"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.SIGNED_OUT);
              assertThat(failure)
                  .hasMessageContaining(damaged.toString())
                  .hasMessageContaining("cognito-creds login --profile acme")
                  .hasMessageNotContaining("refre\"");
            });
    assertThat(restarted.credentials("other").accessKeyId()).startsWith("ASIA");
    assertThat(restarted.status())
        .anySatisfy(
            status -> {
              assertThat(status.profile()).isEqualTo("acme");
              assertThat(status.state()).isEqualTo(ProfileStatus.State.SIGNED_OUT);
              assertThat(status.lastError())
                  .hasValueSatisfying(e -> assertThat(e).contains(damaged.toString()));
            })
        .anySatisfy(
            status -> {
              assertThat(status.profile()).isEqualTo("other");
              assertThat(status.state()).isEqualTo(ProfileStatus.State.SIGNED_IN);
            });

    restarted.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    assertThat(restarted.credentials("acme").accessKeyId()).startsWith("ASIA");
  }

  @Test
  void aSignInThatCannotBeSavedSaysSoAndKeepsThePreviousSession() throws Exception {
    FillingStore store = new FillingStore();
    SessionManager sessions = daemon(store);
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    String saved = Files.readString(sessionsDir.resolve("acme.json"));
    String served = sessions.credentials("acme").accessKeyId();

    store.full = true;
    assertThatThrownBy(
            () -> sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("StoreUnavailable");
              assertThat(failure.kind()).isEqualTo(Failure.Kind.UPSTREAM_UNAVAILABLE);
              assertThat(failure)
                  .hasMessageContaining("free some space in " + sessionsDir)
                  .hasMessageContaining("cognito-creds login --profile acme");
            });

    assertThat(Files.readString(sessionsDir.resolve("acme.json"))).isEqualTo(saved);
    assertThat(sessions.credentials("acme").accessKeyId()).isEqualTo(served);
    store.full = false;
    assertThat(daemon(store).credentials("acme").accessKeyId())
        .as("after a restart, from the kept file")
        .startsWith("ASIA");
  }

  @Test
  void aSignOutWhoseFileCannotBeRemovedSaysSoInsteadOfFailingBlindly() {
    FillingStore store = new FillingStore();
    SessionManager sessions = daemon(store);
    sessions.login("acme", Optional.empty(), "alice", FakeCognito.PASSWORD);
    store.readOnly = true;

    assertThatThrownBy(() -> sessions.logout("acme", false))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("StoreUnavailable");
              assertThat(failure)
                  .hasMessageContaining("revoked")
                  .hasMessageContaining("cognito-creds logout --profile acme");
            });
  }
}

package dev.cognitocreds.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.MutableClock;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoresTest {

  @TempDir Path dir;

  private final FakeKeychain keychain = new FakeKeychain();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final AtomicInteger opened = new AtomicInteger();
  private final StoredSession session = Sessions.ALICE;

  private FileSessionStore files() {
    return new FileSessionStore(dir);
  }

  @Test
  void aKeychainThatStoresAndReturnsTheProbeIsUsedAndKeepsNoProbeEntry() {
    SessionStore store = SessionStores.choose(files(), () -> keychain, clock);

    assertThat(store.kind()).isEqualTo("keychain");
    assertThat(keychain.secrets).isEmpty();
  }

  @Test
  void aLockedKeychainMeansFiles() {
    keychain.locked = true;

    assertThat(SessionStores.choose(files(), () -> keychain, clock).kind()).isEqualTo("file");
  }

  @Test
  void aKeychainThatLosesWhatItIsGivenMeansFiles() {
    Keychain forgetful =
        new Keychain() {
          @Override
          public Optional<String> read(String profile) {
            return Optional.empty();
          }

          @Override
          public void write(String profile, String secret) {}

          @Override
          public void delete(String profile) {}
        };

    assertThat(SessionStores.choose(files(), () -> forgetful, clock).kind()).isEqualTo("file");
  }

  @Test
  void noKeychainBackendOrNoNativeLibraryMeansFiles() {
    assertThat(
            SessionStores.choose(
                    files(),
                    () -> {
                      throw new UnsatisfiedLinkError("libsecret");
                    },
                    clock)
                .kind())
        .isEqualTo("file");
  }

  @Test
  void aKeychainSilentAtStartIsAskedAgainAndItsSessionsAreLoadedOnceItAnswers() {
    new KeychainSessionStore(keychain, files()).save("acme", session);
    keychain.locked = true;
    SessionStore store = SessionStores.choose(files(), this::open, clock);
    assertThat(store.kind()).isEqualTo("file");

    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> store.load("acme"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("kept in the OS keychain, which did not answer")
        .hasMessageContaining("asks it again")
        .as("quoted in the StoreUnavailable answer: a sentence, no exception class")
        .hasMessageStartingWith("its refresh token");
    assertThat(opened).as("not asked again before its time").hasValue(1);

    keychain.locked = false;
    clock.advance(RetryingKeychainStore.FIRST_RETRY);

    assertThat(store.load("acme")).contains(session);
    assertThat(store.kind()).isEqualTo("keychain");
    assertThat(opened).hasValue(2);
    assertThat(keychain.secrets).doesNotContainKey(SessionStores.PROBE);
  }

  @Test
  void aSignOutWhileTheKeychainIsSilentDeletesItsTokenThereOnceItAnswers() {
    new KeychainSessionStore(keychain, files()).save("acme", session);
    new KeychainSessionStore(keychain, files()).save("beta", session);
    keychain.locked = true;
    SessionStore store = SessionStores.choose(files(), this::open, clock);

    store.delete("acme");
    assertThat(files().read("acme")).isEmpty();
    store.save("acme", session); // signed in again meanwhile: into the file
    keychain.locked = false;
    clock.advance(RetryingKeychainStore.FIRST_RETRY);
    store.save("other", session); // the next save finds the keychain answering

    assertThat(store.kind()).isEqualTo("keychain");
    assertThat(keychain.secrets)
        .as("the signed-out token gone, beta's kept")
        .doesNotContainKey("acme")
        .containsEntry("beta", "refresh-secret");
    assertThat(store.load("acme")).as("the new session, from its file").contains(session);
    assertThat(keychain.secrets).containsEntry("acme", "refresh-secret");
  }

  @Test
  void aKeychainThatStaysSilentIsAskedLessAndLessOften() {
    keychain.locked = true;
    SessionStore store = SessionStores.choose(files(), this::open, clock);

    for (int second = 0; second <= 250; second += 5) {
      store.load("acme");
      clock.advance(Duration.ofSeconds(5));
    }

    assertThat(opened).as("at start, after 30, 60, 120 and 240 s").hasValue(5);
    assertThat(store.kind()).isEqualTo("file");
  }

  @Test
  void whileTheKeychainIsSilentASaveGoesToTheFileAndMovesOnceItAnswers() {
    keychain.locked = true;
    SessionStore store = SessionStores.choose(files(), this::open, clock);
    clock.advance(Duration.ofSeconds(10));

    store.save("acme", session);

    assertThat(opened).as("not asked again before its time").hasValue(1);
    assertThat(files().load("acme")).contains(session);
    keychain.locked = false;
    clock.advance(RetryingKeychainStore.FIRST_RETRY);
    assertThat(store.load("acme")).contains(session);
    assertThat(keychain.secrets).containsEntry("acme", "refresh-secret");
  }

  @Test
  void aSaveAsksTheSilentKeychainAgainWhenItIsTimeSoASessionHeldInMemoryMovesIntoIt() {
    keychain.locked = true;
    SessionStore store = SessionStores.choose(files(), this::open, clock);
    store.save("acme", session);
    keychain.locked = false;
    clock.advance(RetryingKeychainStore.FIRST_RETRY);

    store.save("acme", session);

    assertThat(opened).hasValue(2);
    assertThat(store.kind()).isEqualTo("keychain");
    assertThat(keychain.secrets).containsEntry("acme", "refresh-secret");
  }

  @Test
  void aMachineWithoutAKeychainIsNotAskedAgain() {
    SessionStore store =
        SessionStores.choose(
            files(),
            () -> {
              opened.incrementAndGet();
              throw new UnsatisfiedLinkError("libsecret");
            },
            clock);
    clock.advance(Duration.ofHours(1));

    assertThat(store.load("acme")).isEmpty();
    assertThat(opened).hasValue(1);
  }

  private Keychain open() {
    opened.incrementAndGet();
    return keychain;
  }

  @Test
  void theKeychainTimeoutCanBeLengthenedForABusyMachine() {
    assertThat(SessionStores.keychainTimeout(Map.of(SessionStores.TIMEOUT_VARIABLE, "10000")))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(SessionStores.keychainTimeout(Map.of())).isEqualTo(SessionStores.KEYCHAIN_TIMEOUT);
    for (String unusable : new String[] {"ten", "0", "-5", "600000", " "}) {
      assertThat(SessionStores.keychainTimeout(Map.of(SessionStores.TIMEOUT_VARIABLE, unusable)))
          .as(unusable)
          .isEqualTo(SessionStores.KEYCHAIN_TIMEOUT);
    }
  }

  @Test
  void linuxWithoutADbusSessionUsesFilesWithoutTryingAKeychain() {
    assertThat(SessionStores.open(dir, Map.of("HOME", "/home/alice"), "Linux", clock).kind())
        .isEqualTo("file");
  }

  @Test
  void aDbusSessionWhereNoSecretServiceAnswersMeansFilesWithinBoundedTime() {
    long started = System.nanoTime();

    SessionStore store =
        SessionStores.open(
            dir,
            Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-such-bus")),
            "Linux",
            clock);

    assertThat(store.kind()).isEqualTo("file");
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(10_000);
  }
}

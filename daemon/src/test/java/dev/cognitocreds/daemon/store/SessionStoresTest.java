package dev.cognitocreds.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoresTest {

  @TempDir Path dir;

  private final FakeKeychain keychain = new FakeKeychain();

  private FileSessionStore files() {
    return new FileSessionStore(dir);
  }

  @Test
  void aKeychainThatStoresAndReturnsTheProbeIsUsedAndKeepsNoProbeEntry() {
    SessionStore store = SessionStores.choose(files(), () -> keychain);

    assertThat(store.kind()).isEqualTo("keychain");
    assertThat(keychain.secrets).isEmpty();
  }

  @Test
  void aLockedKeychainMeansFiles() {
    keychain.locked = true;

    assertThat(SessionStores.choose(files(), () -> keychain).kind()).isEqualTo("file");
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

    assertThat(SessionStores.choose(files(), () -> forgetful).kind()).isEqualTo("file");
  }

  @Test
  void noKeychainBackendOrNoNativeLibraryMeansFiles() {
    assertThat(
            SessionStores.choose(
                    files(),
                    () -> {
                      throw new UnsatisfiedLinkError("libsecret");
                    })
                .kind())
        .isEqualTo("file");
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
    assertThat(SessionStores.open(dir, Map.of("HOME", "/home/alice"), "Linux").kind())
        .isEqualTo("file");
  }

  @Test
  void aDbusSessionWhereNoSecretServiceAnswersMeansFilesWithinBoundedTime() {
    long started = System.nanoTime();

    SessionStore store =
        SessionStores.open(
            dir,
            Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-such-bus")),
            "Linux");

    assertThat(store.kind()).isEqualTo("file");
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(10_000);
  }
}

package dev.cognitocreds.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeychainSessionStoreTest {

  @TempDir Path dir;

  private final FakeKeychain keychain = new FakeKeychain();
  private final StoredSession session = Sessions.ALICE;

  private FileSessionStore files() {
    return new FileSessionStore(dir.resolve("sessions"));
  }

  private KeychainSessionStore store() {
    return new KeychainSessionStore(keychain, files());
  }

  @Test
  void theRefreshTokenGoesToTheKeychainAndOnlyMetadataToThePrivateFile() throws Exception {
    store().save("acme", session);

    assertThat(keychain.secrets).containsExactly(java.util.Map.entry("acme", "refresh-secret"));
    Path file = dir.resolve("sessions/acme.json");
    assertThat(Files.readString(file))
        .doesNotContain("refresh-secret")
        .contains("\"store\" : \"keychain\"", "\"username\" : \"alice\"", "us-east-2:1111");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(store().load("acme")).contains(session);
  }

  @Test
  void aSessionTheFileStoreWroteMovesIntoTheKeychainWithoutLoss() throws Exception {
    files().save("acme", session);

    assertThat(store().load("acme")).contains(session);

    assertThat(keychain.secrets).containsEntry("acme", "refresh-secret");
    assertThat(Files.readString(dir.resolve("sessions/acme.json")))
        .doesNotContain("refresh-secret")
        .contains("\"store\" : \"keychain\"");
    assertThat(store().load("acme")).as("loaded again, now from the keychain").contains(session);
  }

  @Test
  void aKeychainGoneMidRunCostsNoSessionTheTokenWaitsInThePrivateFile() throws Exception {
    KeychainSessionStore store = store();
    store.save("acme", session);
    keychain.locked = true;

    StoredSession rotated = session.withRotatedRefreshToken("refresh-rotated");
    store.save("acme", rotated);

    Path file = dir.resolve("sessions/acme.json");
    assertThat(Files.readString(file)).contains("refresh-rotated", "\"store\" : \"file\"");
    assertThat(store.keptIn("acme")).as("what status shows").isEqualTo("file");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(store.load("acme")).as("still locked").contains(rotated);

    keychain.locked = false;
    assertThat(store.load("acme")).contains(rotated);
    assertThat(keychain.secrets).containsEntry("acme", "refresh-rotated");
    assertThat(Files.readString(file)).doesNotContain("refresh-rotated");
    assertThat(store.keptIn("acme")).isEqualTo("keychain");
  }

  @Test
  void theFileStoreSaysSoAndSignsOutWhenTheKeychainHoldingTheTokenDoesNotAnswer() {
    store().save("acme", session);

    assertThat(files().load("acme")).as("no token in the file to fall back on").isEmpty();
  }

  @Test
  void metadataWithoutAKeychainEntryCountsAsSignedOut() {
    store().save("acme", session);
    keychain.secrets.clear();

    assertThat(store().load("acme")).isEmpty();
  }

  @Test
  void deleteForgetsTheSessionEvenWhenTheKeychainCannotDeleteNow() {
    KeychainSessionStore store = store();
    store.save("acme", session);
    store.save("other", session);

    store.delete("acme");
    assertThat(keychain.secrets).doesNotContainKey("acme").containsKey("other");
    keychain.locked = true;
    store.delete("other");

    keychain.locked = false;
    assertThat(store.load("acme")).isEmpty();
    assertThat(store.load("other")).isEmpty();
  }
}

package dev.cognitocreds.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionStoreTest {

  @TempDir Path dir;

  private final StoredSession session = Sessions.ALICE;

  @Test
  void savedSessionLoadsBackFromAPrivateFile() throws Exception {
    FileSessionStore store = new FileSessionStore(dir.resolve("sessions"));
    store.save("acme", session);

    assertThat(new FileSessionStore(dir.resolve("sessions")).load("acme")).contains(session);
    Path file = dir.resolve("sessions/acme.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file)).contains("\"store\" : \"file\"", "\"profile\" : \"acme\"");
  }

  @Test
  void anAppClientThatRotatesIsRememberedAndOtherSessionFilesStayAsTheyWere() throws Exception {
    FileSessionStore store = new FileSessionStore(dir);
    store.save("acme", session);
    assertThat(Files.readString(dir.resolve("acme.json"))).doesNotContain("rotatesRefreshTokens");

    store.save("acme", session.withRotatedRefreshToken("refresh-rotated"));

    assertThat(Files.readString(dir.resolve("acme.json")))
        .contains("\"rotatesRefreshTokens\" : true");
    assertThat(store.load("acme"))
        .get()
        .satisfies(
            loaded -> {
              assertThat(loaded.rotatesRefreshTokens()).isTrue();
              assertThat(loaded.refreshToken()).isEqualTo("refresh-rotated");
            });
  }

  @Test
  void aSessionFileOfAnEarlierVersionStillLoads() throws Exception {
    Files.writeString(
        dir.resolve("acme.json"),
        """
                {"profile": "acme", "refreshToken": "refresh-secret", "username": "alice", "sub": "alice-sub",
                 "identityId": "us-east-2:1111", "userPoolId": "us-east-2_AbC", "clientId": "client", "store": "file"}
                """);

    assertThat(new FileSessionStore(dir).load("acme")).contains(session);
  }

  /**
   * The bytes Jackson's data binding wrote (default pretty printer, nulls left out), so files stay
   * as they were.
   */
  @Test
  void theFileIsWrittenAsEarlierVersionsWroteIt() throws Exception {
    FileSessionStore store = new FileSessionStore(dir);
    store.save(
        "acme",
        new StoredSession(
                "refresh-secret", "alice", "alice-sub", Optional.empty(), "us-east-2_AbC", "client")
            .withRotatedRefreshToken("r\u00e9fresh\"2"));

    assertThat(Files.readString(dir.resolve("acme.json")))
        .isEqualTo(
            """
                {
                  "profile" : "acme",
                  "refreshToken" : "r\u00e9fresh\\"2",
                  "username" : "alice",
                  "sub" : "alice-sub",
                  "userPoolId" : "us-east-2_AbC",
                  "clientId" : "client",
                  "store" : "file",
                  "rotatesRefreshTokens" : true
                }""");
    ObjectMapper dataBinding =
        new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    assertThat(Files.readString(dir.resolve("acme.json")))
        .isEqualTo(
            dataBinding
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(store.read("acme").orElseThrow()));
  }

  @Test
  void membersOfALaterVersionAndScalarsOfAnotherTypeAreTolerated() throws Exception {
    Files.writeString(
        dir.resolve("acme.json"),
        """
                {"profile": "acme", "refreshToken": "refresh-secret", "username": "alice", "sub": "alice-sub",
                 "identityId": null, "userPoolId": "us-east-2_AbC", "clientId": "client", "store": "file",
                 "later": {"nested": [1, 2]}, "rotatesRefreshTokens": false}
                """);

    assertThat(new FileSessionStore(dir).load("acme"))
        .contains(
            new StoredSession(
                "refresh-secret",
                "alice",
                "alice-sub",
                Optional.empty(),
                "us-east-2_AbC",
                "client"));
  }

  @Test
  void deleteForgetsTheSession() {
    FileSessionStore store = new FileSessionStore(dir);
    store.save("acme", session);
    store.delete("acme");
    assertThat(store.load("acme")).isEmpty();
    store.delete("acme");
  }

  @Test
  void anUnreadableFileIsNamedNeverQuoted() throws Exception {
    Files.writeString(dir.resolve("acme.json"), "{\"refreshToken\": \"refresh-secret\", not json");

    assertThatThrownBy(() -> new FileSessionStore(dir).load("acme"))
        .isInstanceOf(UnreadableSessionException.class)
        .hasMessageContaining(dir.resolve("acme.json").toString())
        .hasMessageNotContaining("refresh-secret");
  }

  @Test
  void aFailedWriteNamesTheFolderAndWhatToDoAndLeavesTheOldFileWhole() throws Exception {
    Path sessions = dir.resolve("sessions");
    FileSessionStore store = new FileSessionStore(sessions);
    store.save("acme", session);
    String before = Files.readString(sessions.resolve("acme.json"));
    // as root no permission makes a folder unwritable: a path that cannot take the file does
    FileSessionStore blocked = new FileSessionStore(sessions.resolve("acme.json"));

    assertThatThrownBy(() -> blocked.save("other", session.withRefreshToken("refresh-new")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("cannot write the session file")
        .hasMessageContaining("free some space in " + sessions.resolve("acme.json"))
        .hasMessageContaining("writable")
        .hasMessageNotContaining("refresh-new");
    Files.delete(sessions.resolve("acme.json"));
    Files.createDirectories(sessions.resolve("acme.json/in-the-way"));
    Files.writeString(sessions.resolve("acme.json/in-the-way/x"), before);

    assertThatThrownBy(() -> store.save("acme", session.withRefreshToken("refresh-new")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("free some space in " + sessions)
        .hasMessageNotContaining("refresh-new");
    try (var listing = Files.list(sessions)) {
      assertThat(listing.map(path -> path.getFileName().toString()))
          .as("no temporary file left behind")
          .containsExactly("acme.json");
    }
  }

  @Test
  void profileNamesThatAreNotFileNamesStayInTheFolder() throws Exception {
    FileSessionStore store = new FileSessionStore(dir.resolve("sessions"));
    store.save("../escape", session);

    assertThat(store.load("../escape")).contains(session);
    try (var listing = Files.list(dir.resolve("sessions"))) {
      assertThat(listing.map(path -> path.getFileName().toString()))
          .containsExactly("..%2Fescape.json");
    }
    assertThat(dir.resolve("escape.json")).doesNotExist();
  }

  @Test
  void toStringNeverShowsTheRefreshToken() {
    assertThat(session.toString()).doesNotContain("refresh-secret").contains("alice");
  }
}

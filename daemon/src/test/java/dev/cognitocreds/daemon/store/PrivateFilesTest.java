package dev.cognitocreds.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

  @TempDir Path dir;

  @Test
  void writesOwnerOnlyFileInOwnerOnlyFolders() throws Exception {
    Path file = dir.resolve("a/b/secret");
    PrivateFiles.write(file, "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(file).hasContent("hello");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rwx------");
  }

  @Test
  void tightensAnExistingFolder() throws Exception {
    Path open =
        Files.createDirectory(
            dir.resolve("open"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    PrivateFiles.write(open.resolve("f"), new byte[] {1});
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open)))
        .isEqualTo("rwx------");
  }

  @Test
  void refusesAFileWhereTheFolderShouldBeWithoutTouchingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "someone's notes");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> PrivateFiles.write(file.resolve("session.json"), new byte[] {1}))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a folder");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(file).hasContent("someone's notes");
  }

  @Test
  void replacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("s/session.json");
    String first = "A".repeat(200_000);
    String second = "B".repeat(200_000);
    PrivateFiles.write(file, first.getBytes(StandardCharsets.US_ASCII));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger wholeFirst = new AtomicInteger();
    AtomicInteger wholeSecond = new AtomicInteger();
    List<String> partial = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  String content = Files.readString(file);
                  if (content.equals(first)) {
                    wholeFirst.incrementAndGet();
                  } else if (content.equals(second)) {
                    wholeSecond.incrementAndGet();
                  } else {
                    partial.add(
                        content.length()
                            + " characters, starting with "
                            + content.substring(0, Math.min(10, content.length())));
                  }
                } catch (Exception e) {
                  partial.add("error: " + e);
                }
              }
            });
    reader.start();
    try {
      for (int i = 0; i < 20; i++) {
        boolean toSecond = i % 2 == 0;
        PrivateFiles.write(file, (toSecond ? second : first).getBytes(StandardCharsets.US_ASCII));
        // However the threads are scheduled, the reader sees every version before the next write
        // replaces it
        // (and keeps reading while that write runs).
        AtomicInteger newVersionReads = toSecond ? wholeSecond : wholeFirst;
        int readsBefore = newVersionReads.get();
        await("a read of version " + (i + 1))
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> newVersionReads.get() > readsBefore || !partial.isEmpty());
      }
    } finally {
      done.set(true);
      reader.join();
    }

    assertThat(partial).as("reads that saw neither the whole old nor the whole new file").isEmpty();
    assertThat(wholeFirst.get() + wholeSecond.get()).isGreaterThanOrEqualTo(20);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(path -> path.getFileName().toString()))
          .containsExactly("session.json");
    }
  }

  @Test
  void authTokenIs43Base64UrlCharactersWithoutNewlineAndIsReused() throws Exception {
    Path file = dir.resolve("state/auth-token");
    String token = AuthTokenFile.readOrCreate(file, new SecureRandom());

    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(Files.readAllBytes(file)).isEqualTo(token.getBytes(StandardCharsets.US_ASCII));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(AuthTokenFile.readOrCreate(file, new SecureRandom())).isEqualTo(token);
  }
}

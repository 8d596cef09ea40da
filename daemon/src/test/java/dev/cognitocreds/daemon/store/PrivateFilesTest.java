package dev.cognitocreds.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyFileInOwnerOnlyFolders() throws Exception {
        Path file = dir.resolve("a/b/secret");
        PrivateFiles.write(file, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("rwx------");
    }

    @Test
    void tightensAnExistingFolder() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        PrivateFiles.write(open.resolve("f"), new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("s/session.json");
        String first = "A".repeat(200_000);
        String second = "B".repeat(200_000);
        PrivateFiles.write(file, first.getBytes(StandardCharsets.US_ASCII));
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    seen.add(Files.readString(file));
                } catch (Exception e) {
                    seen.add("error: " + e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            PrivateFiles.write(file, (i % 2 == 0 ? second : first).getBytes(StandardCharsets.US_ASCII));
        }
        done.set(true);
        reader.join();

        assertThat(seen).isNotEmpty().allMatch(content -> content.equals(first) || content.equals(second),
                "a whole old or whole new file");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactly("session.json");
        }
    }

    @Test
    void authTokenIs43Base64UrlCharactersWithoutNewlineAndIsReused() throws Exception {
        Path file = dir.resolve("state/auth-token");
        String token = AuthTokenFile.readOrCreate(file, new SecureRandom());

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readAllBytes(file)).isEqualTo(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AuthTokenFile.readOrCreate(file, new SecureRandom())).isEqualTo(token);
    }
}

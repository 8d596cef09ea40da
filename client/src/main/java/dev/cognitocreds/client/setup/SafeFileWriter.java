package dev.cognitocreds.client.setup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a user's file without ever leaving it half-written: the new content goes to a temporary
 * file in the same folder, is flushed to disk and renamed over the old one. The previous content is
 * kept as {@code <file>.bak}; an existing file keeps its mode, a new one is private (0600).
 */
final class SafeFileWriter {

    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private SafeFileWriter() {
    }

    /** The file that really gets written: a symlinked dotfile stays a symlink, its target changes. */
    static Path resolve(Path file) {
        try {
            return Files.isSymbolicLink(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            throw new SetupException(file + " is a symbolic link to a file that cannot be reached (" + e.getMessage() + ")");
        }
    }

    /** Reads the file, or returns null when it does not exist. */
    static byte[] readIfExists(Path file) {
        Path real = resolve(file);
        try {
            return Files.exists(real) ? Files.readAllBytes(real) : null;
        } catch (IOException e) {
            throw new SetupException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static void write(Path file, byte[] content) {
        Path target = resolve(file);
        Path dir = target.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            }
            Set<PosixFilePermission> mode = PRIVATE_FILE;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                mode = Files.getPosixFilePermissions(target);
                replace(dir.resolve(target.getFileName() + ".bak"), Files.readAllBytes(target), mode);
            }
            replace(target, content, mode);
        } catch (IOException e) {
            throw new SetupException("cannot write " + file + " (" + e.getMessage() + "); the previous file is unchanged");
        }
    }

    private static void replace(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, mode);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself durable; some file systems refuse to open a folder, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // best effort: the data itself is already on disk
        }
    }
}

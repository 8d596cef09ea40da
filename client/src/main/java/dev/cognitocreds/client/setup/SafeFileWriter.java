package dev.cognitocreds.client.setup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
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

  private SafeFileWriter() {}

  /** The file that really gets written: a symlinked dotfile stays a symlink, its target changes. */
  static Path resolve(Path file) {
    try {
      return Files.isSymbolicLink(file) ? file.toRealPath() : file;
    } catch (IOException e) {
      throw new SetupException(
          file + " is a symbolic link to a file that cannot be reached (" + e.getMessage() + ")");
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
      PosixFileAttributes old = null;
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        old = Files.readAttributes(target, PosixFileAttributes.class);
        replace(dir.resolve(target.getFileName() + ".bak"), Files.readAllBytes(target), old);
      }
      replace(target, content, old);
    } catch (IOException e) {
      throw new SetupException(
          "cannot write " + file + " (" + e.getMessage() + "); the previous file is unchanged");
    }
  }

  /**
   * @param like the attributes to keep (mode, owner, group), or null for a new private file
   */
  private static void replace(Path target, byte[] content, PosixFileAttributes like)
      throws IOException {
    Path dir = target.getParent();
    Path temp =
        Files.createTempFile(
            dir,
            "." + target.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (like != null) {
        keepOwnership(temp, like);
        Files.setPosixFilePermissions(temp, like.permissions());
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Run with sudo, a plain rename would hand the person's file to root; the copy gets the old owner
   * and group instead, and a file whose owner cannot be kept is not replaced at all.
   */
  private static void keepOwnership(Path temp, PosixFileAttributes like) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    PosixFileAttributes now = view.readAttributes();
    if (!now.owner().equals(like.owner()) || !now.group().equals(like.group())) {
      view.setOwner(like.owner());
      view.setGroup(like.group());
    }
  }

  /**
   * Makes the rename itself durable; some file systems refuse to open a folder, which is harmless.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // best effort: the data itself is already on disk
    }
  }
}

package dev.cognitocreds.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: 0600 files in 0700 folders, each write atomic (temp file in the
 * same folder, fsync, rename) so a reader never sees half a secret.
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates the folder (and missing parents) with mode 0700, and tightens it if it exists. */
  public static Path directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        directory(parent);
      }
      try {
        Files.createDirectory(dir, attribute(OWNER_DIR));
      } catch (FileAlreadyExistsException e) {
        // created by a concurrent writer: fine, permissions are set below; anything else that is
        // there is someone's file, refused as it is
        if (!Files.isDirectory(dir)) {
          throw new FileSystemException(
              dir.toString(), null, "not a folder; move it away so that one can be created here");
        }
      }
    }
    Files.setPosixFilePermissions(dir, OWNER_DIR);
    return dir;
  }

  /** Replaces {@code file} with {@code content} in one step, mode 0600. */
  public static void write(Path file, byte[] content) throws IOException {
    Path dir = directory(file.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attribute(OWNER_FILE));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void syncDirectory(Path dir) {
    // makes the rename itself durable; not every file system lets a folder be opened for it
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // best effort
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}

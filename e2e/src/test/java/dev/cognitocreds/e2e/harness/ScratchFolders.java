package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Short-named folders under /tmp for tools that put unix sockets in them (podman's run root,
 * dockerd's exec root): a socket's path has at most 107 bytes, and a test home's path is long.
 */
public final class ScratchFolders {

  private ScratchFolders() {}

  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/tmp"), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the folder and everything in it; mounts are not followed. */
  public static void delete(Path folder) {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

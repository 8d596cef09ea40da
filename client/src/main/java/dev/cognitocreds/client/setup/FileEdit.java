package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One planned change to one user file: what it will contain and, for the person, what changes.
 * Descriptions never hold a secret value.
 */
// The contents are compared with Arrays.equals where it matters; edits are never compared as such.
@SuppressWarnings("ArrayRecordComponent")
record FileEdit(Path file, byte[] before, byte[] after, List<String> changes) {

  FileEdit {
    changes = List.copyOf(changes);
  }

  /** Replacing the whole file with generated text (a unit, a plist), whatever it held before. */
  static FileEdit replacing(Path file, String content, List<String> changes) {
    return new FileEdit(
        file, SafeFileWriter.readIfExists(file), content.getBytes(StandardCharsets.UTF_8), changes);
  }

  boolean changesAnything() {
    return !Arrays.equals(before, after);
  }

  /** Prints what changes and, unless this is a dry run, writes the file (with a backup). */
  void apply(boolean dryRun, PrintWriter out) {
    if (!changesAnything()) {
      out.println(file + ": already configured, nothing to change");
      return;
    }
    out.println(
        file
            + (dryRun
                ? ": would change (dry run, nothing written)"
                : ": updated"
                    + (before == null
                        ? " (new file)"
                        : ", previous version kept in " + file.getFileName() + ".bak")));
    changes.forEach(c -> out.println("  " + c));
    if (!dryRun) {
      // Another program (an editor, a second run) may have saved the file since it was read.
      if (!Arrays.equals(SafeFileWriter.readIfExists(file), before)) {
        throw new SetupException(
            file
                + " changed while cognito-creds was working; it was left as it is now:"
                + " run the command again");
      }
      SafeFileWriter.write(file, after);
    }
    out.flush();
  }
}

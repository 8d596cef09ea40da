package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.CredentialHelper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The installation's docker credential helper is the native one: skopeo and docker start it for
 * every image they open, and the bash fallback (a build without a C compiler) costs several
 * milliseconds more each time. A build that silently fell back fails here.
 */
class NativeCredentialHelperTest {

  private static final int PT_INTERP = 3;

  @Test
  @EnabledOnOs(OS.LINUX)
  void theInstalledHelperIsAStaticallyLinkedProgramForThisMachine() throws Exception {
    ByteBuffer elf =
        ByteBuffer.wrap(Files.readAllBytes(CredentialHelper.Kind.INSTALLED.program()))
            .order(ByteOrder.LITTLE_ENDIAN);

    assertThat(elf.getInt(0))
        .as("ELF magic: without a C compiler the build falls back to the bash helper")
        .isEqualTo(0x464c457f);
    assertThat(elf.get(4)).as("64-bit").isEqualTo((byte) 2);
    short machine = elf.getShort(18);
    assertThat(machine)
        .isEqualTo(System.getProperty("os.arch").equals("aarch64") ? (short) 183 : (short) 62);
    long programHeaders = elf.getLong(0x20);
    int entrySize = Short.toUnsignedInt(elf.getShort(0x36));
    int entries = Short.toUnsignedInt(elf.getShort(0x38));
    assertThat(entries).isPositive();
    for (int i = 0; i < entries; i++) {
      assertThat(elf.getInt((int) programHeaders + i * entrySize))
          .as("no program interpreter: linked statically, it runs on any Linux")
          .isNotEqualTo(PT_INTERP);
    }
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.ProcessTree;
import dev.cognitocreds.e2e.harness.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of the daemon's JVM, made real by starving it of class memory: its report, which holds
 * pieces of the process's memory (refresh tokens live there), lands in the private state folder
 * readable by its owner only, never in the working directory the service was started from, and no
 * core dump is written.
 */
class DaemonCrashReportTest {

  @TempDir Path cwd;

  @Test
  void aCrashReportGoesToTheStateFolderPrivateAndNoCoreDump() throws Exception {
    try (TempHome home = TempHome.create("crash")) {
      Map<String, String> env = home.environment();
      env.put(
          "COGNITO_CREDSD_JAVA_OPTS",
          env.get("COGNITO_CREDSD_JAVA_OPTS")
              + " -XX:+CrashOnOutOfMemoryError -XX:MaxMetaspaceSize=6m");
      Path stderr = home.root().resolve("crash-stderr.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "ulimit -c unlimited 2>/dev/null; exec \"$0\" --port 0",
                  Distribution.daemon().toString())
              .directory(cwd.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        ProcessTree.kill(process);
      }
      assertThat(process.exitValue()).as("exit code of a JVM that crashed on purpose").isNotZero();

      List<Path> reports =
          list(home.stateDir().resolve("cognito-creds")).stream()
              .filter(
                  file ->
                      file.getFileName().toString().matches("cognito-credsd-hs_err_pid\\d+\\.log"))
              .toList();
      assertThat(reports)
          .as("crash reports in the state folder; stderr:%n%s", Files.readString(stderr))
          .hasSize(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reports.get(0))))
          .as("the crash report's mode")
          .isEqualTo("rw-------");
      assertThat(Files.readString(reports.get(0)))
          .contains("CreateCoredumpOnCrash turned off, no core file dumped");
      assertThat(list(cwd)).as("the working directory the daemon was started from").isEmpty();
    }
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}

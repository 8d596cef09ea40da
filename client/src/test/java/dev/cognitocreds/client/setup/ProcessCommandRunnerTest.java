package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real runner: real child processes, with a short timeout where one hangs. */
class ProcessCommandRunnerTest {

  @TempDir Path dir;

  @Test
  void aCommandsExitCodeAndItsOutputAndErrorsAreReturned() {
    CommandRunner.Result result =
        new ProcessCommandRunner().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).isEqualTo("out\nerr");
  }

  @Test
  void moreOutputThanAPipeHoldsIsReadWhole() {
    CommandRunner.Result result =
        new ProcessCommandRunner(Duration.ofSeconds(20))
            .run(
                List.of(
                    "sh",
                    "-c",
                    "i=0; while [ $i -lt 4000 ]; do echo 0123456789012345678901234567890123456789; i=$((i + 1)); done"));

    assertThat(result.ok()).isTrue();
    assertThat(result.output().lines()).hasSize(4000);
  }

  @Test
  void aMissingProgramIsNotFound() {
    CommandRunner.Result result =
        new ProcessCommandRunner().run(List.of(dir.resolve("no-such-program").toString()));

    assertThat(result.exitCode()).isEqualTo(CommandRunner.NOT_FOUND);
  }

  @Test
  @Timeout(
      value = 20,
      threadMode =
          Timeout.ThreadMode.SEPARATE_THREAD) // fails rather than hangs if the runner blocks
  void aCommandThatHangsIsKilledWithItsChildrenAtTheTimeoutAndFails() throws Exception {
    Path pid = dir.resolve("child.pid");
    long start = System.nanoTime();

    // A child that never ends, with a grandchild that holds the same output open.
    CommandRunner.Result result =
        new ProcessCommandRunner(Duration.ofSeconds(1))
            .run(
                List.of(
                    "sh",
                    "-c",
                    "sleep 60 & echo $! > '"
                        + pid
                        + "'; echo started; while :; do sleep 60; done"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(ProcessCommandRunner.TIMED_OUT);
    assertThat(result.output()).startsWith("sh -c sleep 60").endsWith("did not finish within 1 s");
    Optional<ProcessHandle> grandchild =
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
    for (int i = 0; i < 100 && grandchild.map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(50);
    }
    assertThat(grandchild.map(ProcessHandle::isAlive).orElse(false))
        .as("the grandchild is killed too")
        .isFalse();
  }
}

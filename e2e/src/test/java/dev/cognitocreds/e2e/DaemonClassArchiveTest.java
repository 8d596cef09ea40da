package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.cognitocreds.e2e.harness.Distribution;
import dev.cognitocreds.e2e.harness.ProcessTree;
import dev.cognitocreds.e2e.harness.TempHome;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon launcher's AppCDS archive in the state folder, with the real launcher and JVM: dumped
 * at the first clean stop, checked once and renamed with its size, used by the next starts, deleted
 * when truncated (the daemon still starts), and nothing at all with {@code COGNITO_CREDSD_CDS=off}.
 * The daemon runs in an empty working directory of its own, which must stay empty (a JVM that
 * crashes on a truncated archive writes its hs_err file there by default), and its stdout must stay
 * free of JVM output.
 */
class DaemonClassArchiveTest {

  private static final Pattern CANDIDATE = Pattern.compile("cognito-credsd-\\d+\\.jsa\\.new");
  private static final Pattern ARCHIVE = Pattern.compile("cognito-credsd-\\d+-(\\d+)\\.jsa");

  @TempDir Path cwd;

  private TempHome home;

  @BeforeEach
  void createHome() {
    home = TempHome.createWithDaemonClassArchive("cds");
  }

  @AfterEach
  void deleteHome() {
    home.close();
  }

  @Test
  void archiveIsDumpedAtTheFirstCleanStopCheckedUsedAndDeletedWhenTruncated() throws Exception {
    Path cds = home.classArchiveDir();

    try (Run first = Run.start(home, cwd)) {
      first.assertServes();
      first.stop();
    }
    Path candidate = single(cds, CANDIDATE);
    assertThat(Files.size(candidate)).as("the dumped archive").isGreaterThan(1_000_000);

    Path archive;
    try (Run second = Run.start(home, cwd)) {
      second.assertServes();
      archive = single(cds, ARCHIVE);
      assertThat(candidate).as("checked and renamed").doesNotExist();
      assertThat(Files.size(archive))
          .as("the size in the archive's name")
          .isEqualTo(sizeInName(archive));
      assertThat(second.mappedFiles())
          .as("files the daemon's JVM has mapped")
          .contains(archive.toString());
      second.stop();
    }
    assertThat(names(cds))
        .as("an archive in use is not dumped again")
        .containsExactly(archive.getFileName().toString());

    truncate(archive, Files.size(archive) / 2);
    try (Run third = Run.start(home, cwd)) {
      third.assertServes();
      assertThat(archive).as("an archive whose size no longer matches its name").doesNotExist();
      assertThat(third.mappedFiles())
          .noneMatch(file -> file.endsWith(".jsa") && file.startsWith(cds.toString()));
      third.stop();
    }
    Path redumped = single(cds, CANDIDATE);

    truncate(redumped, Files.size(redumped) / 3);
    try (Run fourth = Run.start(home, cwd)) {
      fourth.assertServes();
      assertThat(redumped).as("a truncated dump fails its check").doesNotExist();
      assertThat(names(cds)).noneMatch(name -> ARCHIVE.matcher(name).matches());
      fourth.kill();
    }
  }

  @Test
  void offCreatesNoArchiveAndNoFolder() throws Exception {
    try (TempHome off = TempHome.create("cds-off")) {
      assertThat(off.environment()).containsEntry("COGNITO_CREDSD_CDS", "off");
      try (Run run = Run.start(off, cwd)) {
        run.assertServes();
        assertThat(run.mappedFiles())
            .noneMatch(file -> file.startsWith(off.classArchiveDir().toString()));
        run.stop();
      }
      assertThat(off.classArchiveDir()).doesNotExist();
    }
  }

  /**
   * One daemon started by the real launcher in {@code cwd}, with its stdout and stderr in separate
   * files.
   */
  private record Run(TempHome home, Path cwd, Process process, Path stdout, Path stderr)
      implements AutoCloseable {

    static Run start(TempHome home, Path cwd) throws IOException {
      Files.deleteIfExists(home.endpointFile());
      Path stdout = Files.createTempFile(home.root(), "stdout-", ".log");
      Path stderr = Files.createTempFile(home.root(), "stderr-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(Distribution.daemon().toString(), "--port", "0")
              .directory(cwd.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().clear();
      builder.environment().putAll(home.environment());
      Run run = new Run(home, cwd, builder.start(), stdout, stderr);
      try {
        await("endpoint file " + home.endpointFile())
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .failFast("cognito-credsd exited early", () -> !run.process.isAlive())
            .until(
                () ->
                    Files.exists(home.endpointFile())
                        && !Files.readString(home.endpointFile()).isBlank());
      } catch (RuntimeException | Error e) {
        ProcessTree.kill(run.process);
        throw new AssertionError("cognito-credsd did not start:\n" + run.output(), e);
      }
      return run;
    }

    void assertServes() throws IOException {
      RestAssured.given()
          .baseUri(Files.readString(home.endpointFile()).strip())
          .get("/healthz")
          .then()
          .statusCode(200)
          .body("status", equalTo("ok"));
    }

    /** The files the daemon's JVM has mapped (the launcher execs it, so the process is the JVM). */
    List<String> mappedFiles() throws IOException {
      try (Stream<String> maps =
          Files.lines(Path.of("/proc", Long.toString(process.pid()), "maps"))) {
        return maps.map(line -> line.split("\\s+", 6))
            .filter(fields -> fields.length == 6)
            .map(fields -> fields[5])
            .distinct()
            .toList();
      }
    }

    /**
     * SIGTERM, as a service manager stops it: a clean exit, which dumps the archive when there is
     * none.
     */
    void stop() throws IOException {
      ProcessTree.stop(process, 30);
      assertThat(process.isAlive()).as("cognito-credsd after SIGTERM").isFalse();
      assertClean();
    }

    void kill() throws IOException {
      ProcessTree.kill(process);
      assertClean();
    }

    private void assertClean() throws IOException {
      String out = Files.readString(stdout);
      assertThat(out).as("the daemon's stdout (JVM warnings would land here)").isEmpty();
      assertThat(Files.readString(stderr).lines())
          .as("the daemon's stderr:%n%s", output())
          .noneMatch(
              line ->
                  line.contains("[warning]")
                      || line.contains("[cds")
                      || line.startsWith("#")
                      || line.contains("VM warning"));
      try (Stream<Path> left = Files.list(cwd)) {
        assertThat(left).as("the daemon's working directory (hs_err files, core dumps)").isEmpty();
      }
    }

    String output() {
      try {
        return "stdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr);
      } catch (IOException e) {
        return e.toString();
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        ProcessTree.kill(process);
      }
    }
  }

  private static Path single(Path dir, Pattern name) throws IOException {
    List<String> matching =
        names(dir).stream().filter(file -> name.matcher(file).matches()).toList();
    assertThat(matching).as("files %s in %s: %s", name, dir, names(dir)).hasSize(1);
    return dir.resolve(matching.get(0));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private static long sizeInName(Path archive) {
    Matcher matcher = ARCHIVE.matcher(archive.getFileName().toString());
    assertThat(matcher.matches()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static void truncate(Path file, long size) throws IOException {
    // The JVM writes its archives read-only.
    file.toFile().setWritable(true, true);
    try (RandomAccessFile handle = new RandomAccessFile(file.toFile(), "rw")) {
      handle.setLength(size);
    }
  }
}

package dev.cognitocreds.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' JVM path, with a fake {@code java} that prints its arguments: which java, which
 * class path and main class, which flags, and the person's arguments passed on unchanged.
 */
class LauncherJavaPathTest {
  @TempDir Path dir;
  Path app;
  Path javaHome;

  @BeforeEach
  void install() throws IOException {
    app = dir.resolve("app");
    Path bin = Files.createDirectories(app.resolve("bin"));
    Files.copy(Launchers.CLIENT, bin.resolve("cognito-creds"));
    Files.copy(Launchers.DAEMON, bin.resolve("cognito-credsd"));
    Files.copy(
        Launchers.JAVA_RUNTIME,
        Files.createDirectories(app.resolve("lib")).resolve("java-runtime.sh"));
    javaHome = dir.resolve("jdk");
    fakeJava(javaHome, "jdk");
  }

  @Test
  void clientCommandsRunTheJavaClientFromLibClient() throws Exception {
    ClientRun.Result result =
        Launchers.run(app.resolve("bin/cognito-creds"), env(), "status", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).first().isEqualTo("jdk");
    assertThat(result.out().lines())
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    assertThat(result.out())
        .endsWith(
            String.join(
                    "\n",
                    "-cp",
                    app.toRealPath() + "/lib/client/*",
                    "dev.cognitocreds.client.CognitoCreds",
                    "status",
                    "--json")
                + "\n");
  }

  @Test
  void credentialProcessHelpIsLeftToTheJavaClient() throws Exception {
    ClientRun.Result result =
        Launchers.run(app.resolve("bin/cognito-creds"), env(), "credential-process", "--help");

    assertThat(result.out())
        .endsWith("dev.cognitocreds.client.CognitoCreds\ncredential-process\n--help\n");
  }

  @Test
  void findsItsInstallationThroughASymlink() throws Exception {
    Path link =
        Files.createSymbolicLink(
            Files.createDirectories(dir.resolve("usr/bin")).resolve("cognito-creds"),
            app.resolve("bin/cognito-creds"));

    ClientRun.Result result = Launchers.run(link, env(), "--version");

    assertThat(result.out()).contains(app.toRealPath() + "/lib/client/*");
  }

  @Test
  void daemonRunsFromLibDaemonWithFootprintFlagsAndExtraOptionsLast() throws Exception {
    Map<String, String> env = env();
    env.put("COGNITO_CREDSD_JAVA_OPTS", "-Xmx200m -Dx=y");

    ClientRun.Result result = Launchers.run(app.resolve("bin/cognito-credsd"), env, "--port", "0");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsSubsequence(
            "-XX:+UseSerialGC",
            "-Xmx96m",
            "-Xmx200m",
            "-Dx=y",
            "-cp",
            app.toRealPath() + "/lib/daemon/*",
            "dev.cognitocreds.daemon.CognitoCredsd",
            "--port",
            "0");
  }

  @Test
  void bundledRuntimeIsUsedWithoutJavaHome() throws Exception {
    fakeJava(app.resolve("runtime"), "bundled");
    Map<String, String> env = env();
    env.remove("JAVA_HOME");

    ClientRun.Result result = Launchers.run(app.resolve("bin/cognito-credsd"), env);

    assertThat(result.out().lines()).first().isEqualTo("bundled");
  }

  @Test
  void bundledRuntimeWinsOverAnOldJavaHome() throws Exception {
    fakeJava(app.resolve("runtime"), "bundled");

    ClientRun.Result daemon = Launchers.run(app.resolve("bin/cognito-credsd"), env());
    ClientRun.Result client = Launchers.run(app.resolve("bin/cognito-creds"), env(), "status");

    assertThat(daemon.out().lines()).first().isEqualTo("bundled");
    assertThat(client.out().lines()).first().isEqualTo("bundled");
  }

  @Test
  void anOldJavaHomeIsRefusedByVersionWithoutRunningIt() throws Exception {
    fakeJava(javaHome, "old");
    Files.writeString(
        javaHome.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"11.0.22\"\n");

    ClientRun.Result daemon = Launchers.run(app.resolve("bin/cognito-credsd"), env());
    ClientRun.Result client = Launchers.run(app.resolve("bin/cognito-creds"), env(), "status");

    for (ClientRun.Result result : new ClientRun.Result[] {daemon, client}) {
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).as("the old java never runs").isEmpty();
      assertThat(result.err())
          .contains(
              "needs Java 17 or later; the java from JAVA_HOME (" + javaHome + ") is Java 11.",
              "Install Java 17");
    }
  }

  @Test
  void aJava17HomeWithAReleaseFileIsUsedAndSoIsJava8sOldVersionScheme() throws Exception {
    Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    assertThat(Launchers.run(app.resolve("bin/cognito-creds"), env(), "status").out().lines())
        .first()
        .isEqualTo("jdk");

    Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
    assertThat(Launchers.run(app.resolve("bin/cognito-creds"), env(), "status").err())
        .contains("is Java 8.");
  }

  @Test
  void aJava8JreInsideItsJdkIsRefusedByTheJdksReleaseFileWithoutRunningIt() throws Exception {
    Path jdk8 = dir.resolve("java-8-openjdk");
    fakeJava(jdk8, "jdk8");
    fakeJava(jdk8.resolve("jre"), "jre8");
    Files.writeString(jdk8.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
    Map<String, String> jreHome = env();
    jreHome.put("JAVA_HOME", jdk8.resolve("jre").toString());
    Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
    Files.createSymbolicLink(usrBin.resolve("java"), jdk8.resolve("jre/bin/java"));
    Map<String, String> onPath = env();
    onPath.remove("JAVA_HOME");
    onPath.put("PATH", usrBin + ":/usr/bin:/bin");

    ClientRun.Result viaJavaHome =
        Launchers.run(app.resolve("bin/cognito-creds"), jreHome, "status");
    ClientRun.Result viaPath = Launchers.run(app.resolve("bin/cognito-credsd"), onPath);

    for (ClientRun.Result result : new ClientRun.Result[] {viaJavaHome, viaPath}) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
      assertThat(result.out()).as("the old java never runs").isEmpty();
    }
    assertThat(viaJavaHome.err())
        .contains("the java from JAVA_HOME (" + jdk8.resolve("jre") + ") is Java 8.");
    assertThat(viaPath.err())
        .contains("the java from PATH (" + usrBin.resolve("java") + ") is Java 8.");
  }

  @Test
  void onlyAJreDirectoryLooksForItsJdksReleaseFileTwoLevelsUp() throws Exception {
    Path other = dir.resolve("tools");
    fakeJava(other.resolve("java"), "unknown");
    Files.writeString(other.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
    Map<String, String> env = env();
    env.put("JAVA_HOME", other.resolve("java").toString());

    ClientRun.Result result = Launchers.run(app.resolve("bin/cognito-creds"), env, "status");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).first().isEqualTo("unknown");
  }

  @Test
  void daemonClassArchiveIsDumpedFirstCheckedBeforeUseAndDroppedWhenItsSizeIsWrong()
      throws Exception {
    Path cds = dir.resolve("home/state/cognito-creds/cds");

    String dump = archiveOption(Launchers.run(app.resolve("bin/cognito-credsd"), env()));
    assertThat(dump)
        .as("no archive yet: dumped at exit")
        .startsWith("-XX:ArchiveClassesAtExit=" + cds);
    String prefix = dump.substring(dump.indexOf('=') + 1, dump.length() - ".jsa.new".length());
    Path truncated = Files.writeString(Path.of(prefix + "-999.jsa"), "too short");

    assertThat(archiveOption(Launchers.run(app.resolve("bin/cognito-credsd"), env())))
        .as("an archive whose size does not match is never mapped")
        .isEqualTo(dump);
    assertThat(truncated).doesNotExist();

    Files.writeString(Path.of(prefix + ".jsa.new"), "checked by the (fake) java");
    assertThat(archiveOption(Launchers.run(app.resolve("bin/cognito-credsd"), env())))
        .isEqualTo("-XX:SharedArchiveFile=" + prefix + "-26.jsa");
    assertThat(Path.of(prefix + ".jsa.new")).doesNotExist();
  }

  private static String archiveOption(ClientRun.Result result) {
    return result
        .out()
        .lines()
        .filter(
            line ->
                line.startsWith("-XX:ArchiveClassesAtExit=")
                    || line.startsWith("-XX:SharedArchiveFile="))
        .reduce((first, last) -> last)
        .orElseThrow();
  }

  private Map<String, String> env() {
    Map<String, String> env = StubDaemon.envFor(dir.resolve("home"));
    env.put("JAVA_HOME", javaHome.toString());
    return env;
  }

  /** A {@code bin/java} that prints its name, then one argument per line. */
  private static void fakeJava(Path home, String name) throws IOException {
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho " + name + "\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}

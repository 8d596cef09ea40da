package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.contract.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service install/uninstall/start/stop/status with a recording runner: systemctl and launchctl
 * never run.
 */
class UserServiceTest {

  @TempDir Path home;
  Path install;
  RecordingRunner runner = new RecordingRunner();
  StringWriter out = new StringWriter();
  Optional<String> daemonAnswer = Optional.of("http://127.0.0.1:41729");
  DaemonReadiness readiness = timeout -> daemonAnswer;

  @BeforeEach
  void anInstallation() throws Exception {
    install = home.resolve("opt/cognito-creds");
    Files.createDirectories(install.resolve("share/systemd"));
    Files.createDirectories(install.resolve("share/launchd"));
    Files.copy(
        ServiceDefinitionFilesTest.UNIT,
        install.resolve("share/systemd").resolve(SystemdUnit.FILE_NAME));
    Files.copy(
        ServiceDefinitionFilesTest.PLIST,
        install.resolve("share/launchd").resolve(LaunchAgent.FILE_NAME));
  }

  UserService linux(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("COGNITO_CREDS_HOME", install.toString());
    return UserService.forPlatform(UserEnvironment.of(home, "Linux", env), runner, readiness);
  }

  UserService mac() {
    return UserService.forPlatform(
        UserEnvironment.of(home, "Mac OS X", Map.of("COGNITO_CREDS_HOME", install.toString())),
        runner.answer("id -u", 0, "501\n"),
        readiness);
  }

  PrintWriter out() {
    return new PrintWriter(out, true);
  }

  @Test
  void systemdInstallWritesTheUnitForThisInstallEnablesAndStartsIt() throws Exception {
    int code = linux(Map.of("XDG_CONFIG_HOME", home.resolve("cfg").toString())).install(out());

    Path unit = home.resolve("cfg/systemd/user/cognito-credsd.service");
    assertThat(code).isZero();
    assertThat(Files.readString(unit))
        .contains("\nExecStart=\"" + install.resolve("bin/cognito-credsd") + "\"\n")
        .contains("\nRestart=on-failure\n")
        .doesNotContain("Environment=\"AWS_CONFIG_FILE");
    assertThat(runner.commands)
        .containsExactly(
            "systemctl --user daemon-reload",
            "systemctl --user enable --now cognito-credsd.service");
    assertThat(out.toString())
        .contains(
            "$ systemctl --user enable --now cognito-credsd.service",
            "cognito-credsd answers at http://127.0.0.1:41729");
  }

  @Test
  void systemdInstallTwiceRewritesNothingAndRestartsNothing() throws Exception {
    linux(Map.of()).install(out());
    Path unit = home.resolve(".config/systemd/user/cognito-credsd.service");
    String first = Files.readString(unit);
    runner.commands.clear();

    linux(Map.of()).install(out());

    assertThat(Files.readString(unit)).isEqualTo(first);
    assertThat(unit.resolveSibling("cognito-credsd.service.bak")).doesNotExist();
    assertThat(runner.commands)
        .doesNotContain("systemctl --user try-restart cognito-credsd.service");
  }

  @Test
  void systemdInstallPassesOnTheConfigFileATildeInAwsConfigFileNames() throws Exception {
    linux(Map.of("AWS_CONFIG_FILE", "~/work/aws-config")).install(out());

    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .contains("\nEnvironment=\"AWS_CONFIG_FILE=" + home.resolve("work/aws-config") + "\"\n");
  }

  @Test
  void systemdInstallWithAMovedAwsConfigPassesItOnAndRestartsAChangedUnit() throws Exception {
    linux(Map.of()).install(out());
    runner.commands.clear();

    linux(Map.of("AWS_CONFIG_FILE", "/home/u/aws config")).install(out());

    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .contains("\nEnvironment=\"AWS_CONFIG_FILE=/home/u/aws config\"\n");
    assertThat(runner.commands).endsWith("systemctl --user try-restart cognito-credsd.service");
  }

  @Test
  void systemdInstallCarriesAMovedStateFolderAndMakesItWritable() throws Exception {
    Path state = home.resolve("my-state");

    linux(Map.of("XDG_STATE_HOME", state.toString())).install(out());

    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .contains(
            "\nEnvironment=\"XDG_STATE_HOME=" + state + "\"\n",
            "\nReadWritePaths=\"" + state + "/cognito-creds\"\n");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve("cognito-creds"))))
        .isEqualTo("rwx------");
  }

  @Test
  void systemdInstallLeavesTheDefaultStateFolderToSystemd() throws Exception {
    linux(Map.of("XDG_STATE_HOME", home.resolve(".local/state").toString())).install(out());

    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .doesNotContain("XDG_STATE_HOME")
        .doesNotContain("ReadWritePaths");
  }

  @Test
  void systemdWithoutAUserSessionFailsWithAdvice() {
    runner.answer("systemctl --user daemon-reload", 1, "Failed to connect to bus: No medium found");

    assertThatThrownBy(() -> linux(Map.of()).install(out()))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("loginctl enable-linger");
    assertThat(out.toString()).contains("Failed to connect to bus");
  }

  @Test
  void aDaemonThatDoesNotComeUpIsReportedWithWhereItsLogIs() {
    daemonAnswer = Optional.empty();

    assertThatThrownBy(() -> linux(Map.of()).install(out()))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("journalctl --user -u cognito-credsd");
    assertThatThrownBy(() -> mac().install(out()))
        .hasMessageContaining("Library/Logs/cognito-credsd.log");
  }

  @Test
  void systemdUninstallStopsAndRemovesTheUnitAndIsSafeTwice() throws Exception {
    linux(Map.of()).install(out());
    runner.commands.clear();

    assertThat(linux(Map.of()).uninstall(out())).isZero();
    assertThat(home.resolve(".config/systemd/user/cognito-credsd.service")).doesNotExist();
    assertThat(runner.commands)
        .containsExactly(
            "systemctl --user disable --now cognito-credsd.service",
            "systemctl --user daemon-reload");

    runner.commands.clear();
    assertThat(linux(Map.of()).uninstall(out())).isZero();
    assertThat(runner.commands).isEmpty();
    assertThat(out.toString()).contains("not installed");
  }

  @Test
  void systemdStartStopStatus() {
    linux(Map.of()).install(out());
    runner.commands.clear();
    runner.answer(
        "systemctl --user --no-pager status cognito-credsd.service", 3, "inactive (dead)");

    linux(Map.of()).start(out());
    linux(Map.of()).stop(out());
    int status = linux(Map.of()).status(out());

    assertThat(runner.commands)
        .containsExactly(
            "systemctl --user start cognito-credsd.service",
            "systemctl --user stop cognito-credsd.service",
            "systemctl --user --no-pager status cognito-credsd.service");
    assertThat(status).isEqualTo(ExitCodes.DAEMON_NOT_RUNNING);
    assertThat(out.toString()).contains("inactive (dead)");
  }

  @Test
  void startBeforeInstallSaysToInstall() {
    assertThatThrownBy(() -> linux(Map.of()).start(out()))
        .hasMessageContaining("cognito-creds service install");
    assertThat(runner.commands).isEmpty();
  }

  @Test
  void installWithoutTheShippedTemplateSaysTheInstallIsIncomplete() throws Exception {
    Files.delete(install.resolve("share/systemd").resolve(SystemdUnit.FILE_NAME));

    assertThatThrownBy(() -> linux(Map.of()).install(out()))
        .hasMessageContaining("reinstall cognito-creds");
  }

  @Test
  void launchAgentInstallWritesThePlistBootstrapsAndEnablesIt() throws Exception {
    runner.answer(
        "launchctl print gui/501/dev.cognitocreds.cognito-credsd", 113, "Could not find service");

    assertThat(mac().install(out())).isZero();

    Path plist = home.resolve("Library/LaunchAgents/dev.cognitocreds.cognito-credsd.plist");
    Map<String, org.w3c.dom.Element> keys =
        ServiceDefinitionFilesTest.parsePlist(Files.readString(plist));
    assertThat(keys.get("ProgramArguments").getTextContent().strip())
        .isEqualTo(install.resolve("bin/cognito-credsd").toString());
    assertThat(keys.get("StandardErrorPath").getTextContent())
        .isEqualTo(home.resolve("Library/Logs/cognito-credsd.log").toString());
    assertThat(home.resolve("Library/Logs")).isDirectory();
    assertThat(runner.commands)
        .containsExactly(
            "id -u",
            "launchctl print gui/501/dev.cognitocreds.cognito-credsd",
            "launchctl bootstrap gui/501 " + plist,
            "launchctl enable gui/501/dev.cognitocreds.cognito-credsd");
  }

  @Test
  void aPortableInstallCarriesTheJavaHomeItWasInstalledWithIntoTheUnit() throws Exception {
    Path jdk = fakeJdk("jdk-17");

    linux(Map.of("JAVA_HOME", jdk.toString())).install(out());

    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .contains("\nEnvironment=\"JAVA_HOME=" + jdk + "\"\n");
  }

  @Test
  void anInstallWithItsOwnRuntimeOrAJavaHomeWithoutJavaCarriesNoJavaHome() throws Exception {
    linux(Map.of("JAVA_HOME", home.resolve("no-such-jdk").toString())).install(out());
    String withoutJava =
        Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service"));
    fakeJdk("opt/cognito-creds/runtime");

    linux(Map.of("JAVA_HOME", fakeJdk("jdk-17").toString())).install(out());

    assertThat(withoutJava).doesNotContain("JAVA_HOME");
    assertThat(Files.readString(home.resolve(".config/systemd/user/cognito-credsd.service")))
        .doesNotContain("JAVA_HOME");
  }

  @Test
  void aPortableInstallCarriesTheJavaHomeIntoThePlist() throws Exception {
    Path jdk = fakeJdk("Library/Java/JavaVirtualMachines/jdk-17.jdk/Contents/Home");
    runner
        .answer("id -u", 0, "501\n")
        .answer("launchctl print gui/501/dev.cognitocreds.cognito-credsd", 113, "");
    UserService mac =
        UserService.forPlatform(
            UserEnvironment.of(
                home,
                "Mac OS X",
                Map.of("COGNITO_CREDS_HOME", install.toString(), "JAVA_HOME", jdk.toString())),
            runner,
            readiness);

    assertThat(mac.install(out())).isZero();

    Map<String, org.w3c.dom.Element> keys =
        ServiceDefinitionFilesTest.parsePlist(
            Files.readString(
                home.resolve("Library/LaunchAgents/dev.cognitocreds.cognito-credsd.plist")));
    assertThat(keys.get("EnvironmentVariables").getTextContent())
        .contains("JAVA_HOME", jdk.toString());
    assertThat(keys.get("ProgramArguments").getTextContent().strip())
        .isEqualTo(install.resolve("bin/cognito-credsd").toString());
  }

  /** A folder with an executable bin/java, under the temporary home. */
  Path fakeJdk(String relative) throws Exception {
    Path jdk = home.resolve(relative);
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\n");
    jdk.resolve("bin/java").toFile().setExecutable(true);
    return jdk;
  }

  @Test
  void launchAgentInstallTwiceDoesNotBootstrapALoadedUnchangedAgent() {
    mac().install(out());
    runner.commands.clear();

    mac().install(out());

    assertThat(runner.commands)
        .noneMatch(c -> c.startsWith("launchctl bootstrap") || c.startsWith("launchctl bootout"));
  }

  @Test
  void launchAgentStopUnloadsAndUninstallRemoves() {
    mac().install(out());
    runner.commands.clear();

    mac().stop(out());
    assertThat(runner.commands)
        .contains("launchctl bootout gui/501/dev.cognitocreds.cognito-credsd");

    mac().uninstall(out());
    assertThat(home.resolve("Library/LaunchAgents/dev.cognitocreds.cognito-credsd.plist"))
        .doesNotExist();
  }

  @Test
  void theRootCommandOffersEveryServiceAction() {
    ClientRun.Result run =
        ClientRun.withStdin(Map.of("HOME", home.toString()), "", "service", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("install", "uninstall", "start", "stop", "status");
  }
}

package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * doctor's user-service line from the service manager's answers (a recording runner: nothing really
 * runs).
 */
class UserServiceCheckTest {

  static final String SHOW =
      "systemctl --user show --property=LoadState,ActiveState,SubState,UnitFileState cognito-credsd.service";
  static final String LAUNCHCTL = "launchctl print gui/501/" + LaunchAgent.LABEL;

  @TempDir Path home;
  RecordingRunner runner = new RecordingRunner();

  Path ownUnit() {
    return home.resolve(".config/systemd/user/cognito-credsd.service");
  }

  Path packagedUnit() {
    return home.resolve("usr/lib/systemd/user/cognito-credsd.service");
  }

  Check linux() {
    return new UserServiceCheck(UserEnvironment.of(home, "Linux", Map.of()), runner, packagedUnit())
        .run();
  }

  Check mac() {
    runner.answer("id -u", 0, "501\n");
    return new UserServiceCheck(
            UserEnvironment.of(home, "Mac OS X", Map.of()), runner, packagedUnit())
        .run();
  }

  static String show(String load, String active, String sub, String file) {
    return "LoadState="
        + load
        + "\nActiveState="
        + active
        + "\nSubState="
        + sub
        + "\nUnitFileState="
        + file
        + "\n";
  }

  static void write(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[Unit]\n");
  }

  @Test
  void noUnitAnywhereIsNotInstalledAndNothingRuns() {
    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail()).startsWith("not installed");
    assertThat(check.fix()).isEqualTo("cognito-creds service install");
    assertThat(runner.commands).isEmpty();
  }

  @Test
  void anActiveEnabledUnitIsFine() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 0, show("loaded", "active", "running", "enabled"));

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.OK);
    assertThat(check.detail()).isEqualTo("running and enabled at login (" + ownUnit() + ")");
    assertThat(runner.commands).containsExactly(SHOW);
  }

  @Test
  void aFailedUnitIsNotFineEvenThoughItsFileExists() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 0, show("loaded", "failed", "failed", "enabled"));

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .startsWith("not running (failed), enabled at login; " + ownUnit())
        .endsWith("why: journalctl --user -u cognito-credsd");
    assertThat(check.fix()).isEqualTo("cognito-creds service start");
  }

  @Test
  void aStoppedDisabledUnitOfTheUsersOwnIsInstalledAgain() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 0, show("loaded", "inactive", "dead", "disabled"));

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .startsWith("not running (inactive, dead), not enabled at login")
        .doesNotContain("journalctl");
    assertThat(check.fix()).isEqualTo("cognito-creds service install");
  }

  @Test
  void thePackagedUnitIsEnabledWithSystemctl() throws Exception {
    write(packagedUnit());
    runner.answer(SHOW, 0, show("loaded", "inactive", "dead", "disabled"));

    Check check = linux();

    assertThat(check.detail()).contains(packagedUnit().toString());
    assertThat(check.fix()).isEqualTo("systemctl --user enable --now cognito-credsd");
  }

  @Test
  void aRunningButDisabledUnitWillNotStartAtTheNextLogin() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 0, show("loaded", "active", "running", "disabled"));

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .startsWith("running, but not enabled (disabled): it will not start at the next login");
    assertThat(check.fix()).isEqualTo("cognito-creds service install");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "static",
        "indirect",
        "transient",
        "linked",
        "linked-runtime",
        "alias",
        "generated",
        ""
      })
  void aRunningUnitThatIsNotEnabledIsNotFine(String fileState) throws Exception {
    write(packagedUnit());
    runner.answer(SHOW, 0, show("loaded", "active", "running", fileState));

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .startsWith(
            "running, but not enabled ("
                + (fileState.isEmpty() ? "unknown" : fileState)
                + "): it will not start at the next login");
    assertThat(check.fix()).isEqualTo("systemctl --user enable --now cognito-credsd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"enabled", "enabled-runtime"})
  void onlyAnEnabledUnitStartsAtLogin(String fileState) throws Exception {
    write(packagedUnit());
    runner.answer(SHOW, 0, show("loaded", "inactive", "dead", fileState));

    Check check = linux();

    assertThat(check.detail()).startsWith("not running (inactive, dead), enabled at login");
    assertThat(check.fix()).isEqualTo("systemctl --user start cognito-credsd");
  }

  @Test
  void aStoppedStaticUnitIsNotCalledEnabledAtLogin() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 0, show("loaded", "inactive", "dead", "static"));

    Check check = linux();

    assertThat(check.detail()).startsWith("not running (inactive, dead), not enabled at login");
    assertThat(check.fix()).isEqualTo("cognito-creds service install");
  }

  @Test
  void aUnitSystemdHasNotLoadedNeedsAReload() throws Exception {
    write(packagedUnit());
    runner.answer(SHOW, 0, show("not-found", "inactive", "dead", ""));

    Check check = linux();

    assertThat(check.detail()).endsWith("is there, but systemd has not loaded it");
    assertThat(check.fix())
        .isEqualTo(
            "systemctl --user daemon-reload && systemctl --user enable --now cognito-credsd");
  }

  @Test
  void withoutAUserManagerDoctorSaysSoInsteadOfAnOk() throws Exception {
    write(ownUnit());
    runner.answer(SHOW, 1, "Failed to connect to bus: No medium found");

    Check check = linux();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .isEqualTo(
            ownUnit()
                + " is there, but no user service manager answers"
                + " (systemctl --user: Failed to connect to bus: No medium found)");
    assertThat(check.fix()).contains("loginctl enable-linger $USER", "cognito-credsd &");
  }

  @Test
  void withoutSystemctlOnPathDoctorSaysNothingStartsIt() throws Exception {
    write(ownUnit());
    CommandRunner noPrograms = new PathCommandRunner(home.resolve("empty-bin").toString(), runner);

    Check check =
        new UserServiceCheck(
                UserEnvironment.of(home, "Linux", Map.of()), noPrograms, packagedUnit())
            .run();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .endsWith("is there, but systemctl is not on PATH, so nothing starts it");
    assertThat(runner.commands).isEmpty();
  }

  @Test
  void aLoadedRunningLaunchAgentIsFine() throws Exception {
    write(home.resolve("Library/LaunchAgents").resolve(LaunchAgent.FILE_NAME));
    runner.answer(
        LAUNCHCTL,
        0,
        "gui/501/" + LaunchAgent.LABEL + " = {\n\tactive count = 1\n\tstate = running\n}");

    Check check = mac();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.OK);
    assertThat(check.detail()).startsWith("loaded and running (");
    assertThat(runner.commands).containsExactly("id -u", LAUNCHCTL);
  }

  @Test
  void aLaunchAgentLaunchdDoesNotKnowIsNotFine() throws Exception {
    write(home.resolve("Library/LaunchAgents").resolve(LaunchAgent.FILE_NAME));
    runner.answer(
        LAUNCHCTL,
        113,
        "Could not find service \"" + LaunchAgent.LABEL + "\" in domain for user gui: 501");

    Check check = mac();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail()).contains("launchd has not loaded it", "Could not find service");
    assertThat(check.fix()).isEqualTo("cognito-creds service start");
  }

  @Test
  void aLoadedButStoppedLaunchAgentPointsAtItsLog() throws Exception {
    write(home.resolve("Library/LaunchAgents").resolve(LaunchAgent.FILE_NAME));
    runner.answer(LAUNCHCTL, 0, "\tstate = not running\n\tlast exit code = 1\n");

    Check check = mac();

    assertThat(check.outcome()).isEqualTo(Check.Outcome.WARN);
    assertThat(check.detail())
        .startsWith("loaded but not running (state = not running); see ")
        .endsWith("Library/Logs/cognito-credsd.log");
  }

  @Test
  void thePathRunnerRunsTheProgramItFindsOnThePersonsPath() throws Exception {
    Path bin = home.resolve("bin");
    Files.createDirectories(bin);
    Path systemctl = bin.resolve("systemctl");
    Files.writeString(systemctl, "#!/bin/sh\n");
    systemctl.toFile().setExecutable(true);

    new PathCommandRunner(bin.toString(), runner)
        .run(java.util.List.of("systemctl", "--user", "show"));

    assertThat(runner.commands).containsExactly(systemctl + " --user show");
  }
}

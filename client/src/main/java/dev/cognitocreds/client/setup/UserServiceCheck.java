package dev.cognitocreds.client.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * doctor's "user service" line: the service manager's own view of the daemon's service, not only
 * whether a unit or plist file exists. A defined service that is stopped, failed, not enabled at
 * login, or has no service manager to run it (ssh, containers) is a warning with its fix: a pull
 * works as long as the daemon runs, however it was started.
 */
final class UserServiceCheck {

  static final String NAME = "user service";

  /** Where the .deb puts its ready user unit. */
  static final Path PACKAGED_UNIT = Path.of("/usr/lib/systemd/user", SystemdUnit.FILE_NAME);

  private static final String UNIT = SystemdUnit.FILE_NAME;
  private static final String JOURNAL = "journalctl --user -u cognito-credsd";

  /**
   * The UnitFileStates in which systemd starts the unit at login: enabled (for good, or until
   * reboot). Not static (no [Install] section), indirect (enabled only through another unit's
   * Also=), linked (the file linked into the search path, not enabled), alias, transient (made at
   * run time, gone at logout) or generated (made by a generator; whether it is wanted by anything
   * depends on that generator, and none makes this unit): with those, doctor warns and shows the
   * state.
   */
  private static final Set<String> STARTS_AT_LOGIN = Set.of("enabled", "enabled-runtime");

  private final UserEnvironment env;
  private final CommandRunner runner;
  private final Path packagedUnit;

  UserServiceCheck(UserEnvironment env, CommandRunner runner, Path packagedUnit) {
    this.env = env;
    this.runner = runner;
    this.packagedUnit = packagedUnit;
  }

  Check run() {
    return env.macOs() ? launchAgent() : systemd();
  }

  private Check systemd() {
    Path own = env.systemdUserUnit();
    boolean ownUnit = Files.isRegularFile(own);
    if (!ownUnit && !Files.isRegularFile(packagedUnit)) {
      return Check.warn(
          NAME,
          "not installed: the daemon does not start at login",
          "cognito-creds service install");
    }
    Path unit = ownUnit ? own : packagedUnit;
    // The packaged unit is the user's to enable; a unit of their own is what `service` manages.
    String enableFix =
        ownUnit ? "cognito-creds service install" : "systemctl --user enable --now cognito-credsd";
    CommandRunner.Result shown =
        runner.run(
            List.of(
                "systemctl",
                "--user",
                "show",
                "--property=LoadState,ActiveState,SubState,UnitFileState",
                UNIT));
    if (shown.exitCode() == CommandRunner.NOT_FOUND) {
      return Check.warn(
          NAME,
          unit + " is there, but systemctl is not on PATH, so nothing starts it",
          "start the daemon yourself: cognito-credsd &");
    }
    Map<String, String> state = properties(shown.output());
    if (!shown.ok() || !state.containsKey("ActiveState")) {
      return Check.warn(
          NAME,
          unit
              + " is there, but no user service manager answers (systemctl --user: "
              + firstLine(shown.output())
              + ")",
          "over ssh or in a container: loginctl enable-linger $USER and"
              + " log in again, or start the daemon yourself: cognito-credsd &");
    }
    if ("not-found".equals(state.get("LoadState"))) {
      return Check.warn(
          NAME,
          unit + " is there, but systemd has not loaded it",
          ownUnit
              ? enableFix
              : "systemctl --user daemon-reload && systemctl --user enable --now cognito-credsd");
    }
    String active = state.get("ActiveState");
    String sub = state.getOrDefault("SubState", "");
    String fileState = state.getOrDefault("UnitFileState", "");
    boolean atLogin = STARTS_AT_LOGIN.contains(fileState);
    if (!"active".equals(active)) {
      String how = sub.isEmpty() || sub.equals(active) ? active : active + ", " + sub;
      String startFix =
          !atLogin
              ? enableFix
              : ownUnit ? "cognito-creds service start" : "systemctl --user start cognito-credsd";
      return Check.warn(
          NAME,
          "not running ("
              + how
              + "), "
              + (atLogin ? "enabled at login" : "not enabled at login")
              + "; "
              + unit
              + (("failed".equals(active) || "auto-restart".equals(sub))
                  ? "; why: " + JOURNAL
                  : ""),
          startFix);
    }
    if (!atLogin) {
      return Check.warn(
          NAME,
          "running, but not enabled ("
              + (fileState.isEmpty() ? "unknown" : fileState)
              + "): it will not start at the next login; "
              + unit,
          enableFix);
    }
    return Check.ok(NAME, "running and enabled at login (" + unit + ")");
  }

  private Check launchAgent() {
    Path plist = env.launchAgent();
    if (!Files.isRegularFile(plist)) {
      return Check.warn(
          NAME,
          "not installed: the daemon does not start at login",
          "cognito-creds service install");
    }
    CommandRunner.Result id = runner.run(List.of("id", "-u"));
    if (!id.ok() || !id.output().strip().matches("\\d+")) {
      return Check.warn(
          NAME,
          plist
              + " is there, but this user's id is unknown (id -u: "
              + firstLine(id.output())
              + ")",
          "cognito-creds service status");
    }
    CommandRunner.Result shown =
        runner.run(
            List.of("launchctl", "print", "gui/" + id.output().strip() + "/" + LaunchAgent.LABEL));
    String log = "see " + env.home().resolve("Library/Logs/cognito-credsd.log");
    if (!shown.ok()) {
      return Check.warn(
          NAME,
          plist
              + " is there, but launchd has not loaded it (launchctl print: "
              + firstLine(shown.output())
              + ")",
          "cognito-creds service start");
    }
    Optional<String> state =
        shown
            .output()
            .lines()
            .map(String::strip)
            .filter(l -> l.startsWith("state = "))
            .map(l -> l.substring("state = ".length()))
            .findFirst();
    if (state.isPresent() && !state.get().equals("running")) {
      return Check.warn(
          NAME,
          "loaded but not running (state = " + state.get() + "); " + log,
          "cognito-creds service start");
    }
    return Check.ok(
        NAME, "loaded" + (state.isPresent() ? " and running" : "") + " (" + plist + ")");
  }

  private static Map<String, String> properties(String output) {
    Map<String, String> values = new HashMap<>();
    output
        .lines()
        .forEach(
            line -> {
              int eq = line.indexOf('=');
              if (eq > 0 && line.substring(0, eq).matches("[A-Za-z]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
              }
            });
    return values;
  }

  private static String firstLine(String output) {
    return output
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .findFirst()
        .orElse("no answer");
  }
}

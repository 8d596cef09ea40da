package dev.cognitocreds.client.setup;

import dev.cognitocreds.contract.EnvironmentVariables;
import dev.cognitocreds.contract.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/** {@code systemctl --user}: the unit goes to {@code $XDG_CONFIG_HOME/systemd/user/}. */
record SystemdUserService(UserEnvironment env, CommandRunner runner, DaemonReadiness readiness)
    implements UserService {

  static final String UNIT = SystemdUnit.FILE_NAME;
  private static final String LOG_HINT = "see `journalctl --user -u cognito-credsd`";
  private static final String NO_SESSION =
      "systemctl --user needs a user session; over ssh or in a container, run"
          + " `loginctl enable-linger $USER` and log in again, or start the daemon with `cognito-credsd &`";

  @Override
  public int install(PrintWriter out) {
    InstallLayout install = env.install();
    Optional<Path> stateHome = movedStateHome();
    String unit =
        SystemdUnit.render(
            InstallLayout.readTemplate(install.systemdUnitTemplate()),
            install.daemon(),
            // the file itself, so the service reads the one this shell means whatever its HOME
            env.get(EnvironmentVariables.AWS_CONFIG_FILE)
                .map(set -> env.awsConfigFile().toString()),
            stateHome,
            install.javaHomeForService(env.env()));
    stateHome.ifPresent(SystemdUserService::createStateFolder);
    Path file = env.systemdUserUnit();
    FileEdit edit =
        FileEdit.replacing(
            file,
            unit,
            List.of("ExecStart=" + SystemdUnit.quoteCommand(install.daemon().toString())));
    edit.apply(false, out);
    ServiceCommands commands = new ServiceCommands(runner, out);
    commands.require(NO_SESSION, "systemctl", "--user", "daemon-reload");
    commands.require(NO_SESSION, "systemctl", "--user", "enable", "--now", UNIT);
    if (edit.changesAnything() && edit.before() != null) {
      // enable --now leaves a running daemon alone; a changed unit needs a restart to apply.
      commands.require("", "systemctl", "--user", "try-restart", UNIT);
    }
    ServiceCommands.requireAnswer(readiness, out, LOG_HINT);
    out.println(
        "cognito-credsd runs as a user service now and starts at each login."
            + " To keep it running while you are logged out: loginctl enable-linger $USER");
    return ExitCodes.OK;
  }

  /** XDG_STATE_HOME when it is not the default that systemd creates StateDirectory= in. */
  private Optional<Path> movedStateHome() {
    return env.get("XDG_STATE_HOME")
        .map(Path::of)
        .filter(p -> !p.equals(env.home().resolve(".local").resolve("state")));
  }

  /** ReadWritePaths= needs the folder to exist when the service starts. */
  private static void createStateFolder(Path stateHome) {
    try {
      Files.createDirectories(
          stateHome.resolve("cognito-creds"),
          PosixFilePermissions.asFileAttribute(SafeFileWriter.PRIVATE_DIR));
    } catch (java.io.IOException e) {
      throw new SetupException(
          "cannot create " + stateHome.resolve("cognito-creds") + ": " + e.getMessage());
    }
  }

  @Override
  public int uninstall(PrintWriter out) {
    Path file = env.systemdUserUnit();
    if (!Files.exists(file)) {
      out.println(file + ": not installed, nothing to remove");
      return ExitCodes.OK;
    }
    ServiceCommands commands = new ServiceCommands(runner, out);
    // A unit that is already stopped or unknown to the manager is not an error here.
    commands.run("systemctl", "--user", "disable", "--now", UNIT);
    commands.removeDefinition(file);
    commands.run("systemctl", "--user", "daemon-reload");
    return ExitCodes.OK;
  }

  @Override
  public int start(PrintWriter out) {
    ServiceCommands.requireInstalled(env.systemdUserUnit());
    new ServiceCommands(runner, out).require(NO_SESSION, "systemctl", "--user", "start", UNIT);
    ServiceCommands.requireAnswer(readiness, out, LOG_HINT);
    return ExitCodes.OK;
  }

  @Override
  public int stop(PrintWriter out) {
    ServiceCommands.requireInstalled(env.systemdUserUnit());
    new ServiceCommands(runner, out).require(NO_SESSION, "systemctl", "--user", "stop", UNIT);
    return ExitCodes.OK;
  }

  @Override
  public int status(PrintWriter out) {
    ServiceCommands.requireInstalled(env.systemdUserUnit());
    CommandRunner.Result r =
        new ServiceCommands(runner, out).run("systemctl", "--user", "--no-pager", "status", UNIT);
    // systemctl status exits 3 for a stopped unit, which is also our "daemon not running".
    return r.ok() ? ExitCodes.OK : ExitCodes.DAEMON_NOT_RUNNING;
  }
}

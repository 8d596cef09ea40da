package dev.cognitocreds.client.setup;

import dev.cognitocreds.contract.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A LaunchAgent in {@code ~/Library/LaunchAgents}, driven through {@code launchctl} in the GUI
 * domain.
 */
record LaunchAgentService(UserEnvironment env, CommandRunner runner, DaemonReadiness readiness)
    implements UserService {

  @Override
  public int install(PrintWriter out) {
    InstallLayout install = env.install();
    String plist =
        LaunchAgent.render(
            InstallLayout.readTemplate(install.launchAgentTemplate()),
            install.daemon(),
            env.home(),
            install.javaHomeForService(env.env()));
    Path file = env.launchAgent();
    FileEdit edit =
        FileEdit.replacing(file, plist, List.of("ProgramArguments = " + install.daemon()));
    edit.apply(false, out);
    createLogFolder();
    ServiceCommands commands = new ServiceCommands(runner, out);
    String domain = domain();
    boolean loaded = loaded(commands, domain);
    if (loaded && edit.changesAnything()) {
      commands.run("launchctl", "bootout", domain + "/" + LaunchAgent.LABEL);
      loaded = false;
    }
    if (!loaded) {
      commands.require("", "launchctl", "bootstrap", domain, file.toString());
    }
    commands.require("", "launchctl", "enable", domain + "/" + LaunchAgent.LABEL);
    ServiceCommands.requireAnswer(readiness, out, logHint());
    out.println("cognito-credsd runs as a LaunchAgent now and starts at each login; " + logHint());
    return ExitCodes.OK;
  }

  @Override
  public int uninstall(PrintWriter out) {
    Path file = env.launchAgent();
    if (!Files.exists(file)) {
      out.println(file + ": not installed, nothing to remove");
      return ExitCodes.OK;
    }
    ServiceCommands commands = new ServiceCommands(runner, out);
    commands.run("launchctl", "bootout", domain() + "/" + LaunchAgent.LABEL);
    commands.removeDefinition(file);
    return ExitCodes.OK;
  }

  @Override
  public int start(PrintWriter out) {
    ServiceCommands.requireInstalled(env.launchAgent());
    ServiceCommands commands = new ServiceCommands(runner, out);
    String domain = domain();
    if (!loaded(commands, domain)) {
      commands.require("", "launchctl", "bootstrap", domain, env.launchAgent().toString());
    }
    commands.require("", "launchctl", "kickstart", domain + "/" + LaunchAgent.LABEL);
    ServiceCommands.requireAnswer(readiness, out, logHint());
    return ExitCodes.OK;
  }

  /** Unloads the agent: with KeepAlive, killing the process would only get it restarted. */
  @Override
  public int stop(PrintWriter out) {
    ServiceCommands.requireInstalled(env.launchAgent());
    ServiceCommands commands = new ServiceCommands(runner, out);
    String domain = domain();
    if (loaded(commands, domain)) {
      commands.require("", "launchctl", "bootout", domain + "/" + LaunchAgent.LABEL);
    } else {
      out.println("cognito-credsd is not loaded");
    }
    return ExitCodes.OK;
  }

  @Override
  public int status(PrintWriter out) {
    ServiceCommands.requireInstalled(env.launchAgent());
    CommandRunner.Result r =
        new ServiceCommands(runner, out)
            .run("launchctl", "print", domain() + "/" + LaunchAgent.LABEL);
    return r.ok() ? ExitCodes.OK : ExitCodes.DAEMON_NOT_RUNNING;
  }

  private String logHint() {
    return "see " + env.home().resolve("Library/Logs/cognito-credsd.log");
  }

  private boolean loaded(ServiceCommands commands, String domain) {
    return commands.ask("launchctl", "print", domain + "/" + LaunchAgent.LABEL).ok();
  }

  private String domain() {
    CommandRunner.Result id = runner.run(List.of("id", "-u"));
    if (!id.ok() || !id.output().strip().matches("\\d+")) {
      throw new SetupException("cannot tell this user's id (id -u: " + id.output() + ")");
    }
    return "gui/" + id.output().strip();
  }

  private void createLogFolder() {
    try {
      Files.createDirectories(env.home().resolve("Library").resolve("Logs"));
    } catch (IOException e) {
      throw new SetupException("cannot create ~/Library/Logs: " + e.getMessage());
    }
  }
}

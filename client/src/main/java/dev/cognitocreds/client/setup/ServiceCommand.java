package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.contract.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code cognito-creds service}: the daemon as a per-user service (systemd on Linux, launchd on
 * macOS).
 */
@Command(
    name = "service",
    description = {
      "Run cognito-credsd as your user service: systemd on Linux, launchd on macOS.",
      "Linux: systemctl --user and ~/.config/systemd/user; macOS: a LaunchAgent in ~/Library/LaunchAgents."
    })
public final class ServiceCommand extends ClientCommand {

  private UserService service() {
    return UserService.forPlatform(
        UserEnvironment.of(context()),
        new ProcessCommandRunner(),
        DaemonReadiness.of(context().daemon()));
  }

  @Override
  public Integer call() {
    spec().commandLine().usage(err());
    return ExitCodes.USAGE;
  }

  @Command(
      name = "install",
      description = "Write the unit/plist for this install, enable it at login and start it.")
  int install() {
    return service().install(out());
  }

  @Command(
      name = "uninstall",
      description = "Stop the service and remove its unit/plist (signed-in sessions are kept).")
  int uninstall() {
    return service().uninstall(out());
  }

  @Command(name = "start", description = "Start the service.")
  int start() {
    return service().start(out());
  }

  @Command(name = "stop", description = "Stop the service.")
  int stop() {
    return service().stop(out());
  }

  @Command(name = "status", description = "Show the service manager's view of the daemon.")
  int status() {
    return service().status(out());
  }
}

package dev.cognitocreds.client.command;

import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.daemon.DaemonResponse;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: what the daemon knows about every cognito profile. */
@Command(name = "status", description = "Show each profile's sign-in state and credential expiry.")
public final class StatusCommand extends ClientCommand {
  @Option(names = "--json", description = "Print the daemon's JSON as it is, for scripts.")
  boolean json;

  @Override
  public Integer call() {
    DaemonResponse status = context().daemon().get(Routes.STATUS).orThrow();
    if (json) {
      out().println(status.body().strip());
    } else {
      out().print(new StatusTable(context().clock().instant()).render(status.json()));
    }
    out().flush();
    return ExitCodes.OK;
  }
}

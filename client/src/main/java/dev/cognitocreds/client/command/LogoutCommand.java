package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logout}: the daemon revokes the refresh token at Cognito and forgets the session. */
@Command(
    name = "logout",
    description = "Sign a profile out: revoke its refresh token and forget the session.")
public final class LogoutCommand extends ClientCommand {
  @Mixin ProfileOption profile;

  @Option(
      names = "--everywhere",
      description = "Also sign out the user's other sessions (global sign-out).")
  boolean everywhere;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("everywhere", everywhere);
    context().daemon().post(Routes.profile(name, Routes.LOGOUT), body).orThrow();
    out().println("Signed out of profile " + name + ".");
    return ExitCodes.OK;
  }
}

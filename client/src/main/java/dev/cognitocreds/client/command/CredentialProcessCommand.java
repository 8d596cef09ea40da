package dev.cognitocreds.client.command;

import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code credential-process}: the Version 1 JSON for the AWS {@code credential_process} setting.
 * The launcher normally answers this without a JVM; this is its fallback, with the same output (the
 * daemon's body, newline-terminated) and the same exit codes.
 */
@Command(
    name = "credential-process",
    description = "Print credentials in the credential_process format (Version 1 JSON).")
public final class CredentialProcessCommand extends ClientCommand {
  @Mixin ProfileOption profile;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    String body =
        context().daemon().get(Routes.profile(name, Routes.CREDENTIAL_PROCESS)).orThrow().body();
    out().print(body.endsWith("\n") ? body : body + "\n");
    out().flush();
    return ExitCodes.OK;
  }
}

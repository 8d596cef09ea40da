package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.license.AccessWindow;
import dev.cognitocreds.publisher.license.Licences;
import dev.cognitocreds.publisher.setup.AwsClients;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "revoke",
    description =
        "Revokes USER's licence (custom:isLicensed = 0) and signs the user out everywhere (AdminUserGlobalSignOut), then says until when access can still last.")
final class LicenseRevokeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Parameters(paramLabel = "USER")
  String username;

  @Option(
      names = "--keep-sessions",
      description =
          "Only set the attribute: the user stays signed in, is refused credentials from the next"
              + " ID token on, and gets them again without signing in if you grant the licence again.")
  boolean keepSessions;

  @Override
  public Integer call() {
    AccessWindow window;
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      window =
          new Licences(
                  aws.userPools(),
                  aws.identityPools(),
                  aws.setup().userPoolIdOrFail(),
                  aws.setup().clientId(),
                  aws.setup().identityPoolId(),
                  Clock.systemUTC())
              .revoke(username, keepSessions);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "revoked the licence of "
            + username
            + (keepSessions ? " (still signed in)" : " and signed the user out everywhere"));
    out.println(
        "access can last until "
            + window.accessEndsAtTheLatest().truncatedTo(ChronoUnit.SECONDS)
            + " at the latest:");
    window.reasons().forEach(reason -> out.println("- " + reason));
    out.flush();
    return 0;
  }
}

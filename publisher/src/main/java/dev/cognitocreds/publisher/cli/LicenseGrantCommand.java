package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.license.Licences;
import dev.cognitocreds.publisher.setup.AwsClients;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "grant", description = "Licenses USER (custom:isLicensed = 1).")
final class LicenseGrantCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Parameters(paramLabel = "USER")
  String username;

  @Override
  public Integer call() {
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      new Licences(
              aws.userPools(),
              aws.identityPools(),
              aws.setup().userPoolIdOrFail(),
              aws.setup().clientId(),
              aws.setup().identityPoolId(),
              Clock.systemUTC())
          .grant(username);
    }
    spec.commandLine()
        .getOut()
        .println(
            "licensed "
                + username
                + ": it takes effect with the user's next ID token (a signed-in cognito-creds asks"
                + " again on its own; no new sign-in needed)");
    return 0;
  }
}

package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.setup.AwsClients;
import dev.cognitocreds.publisher.users.NewUser;
import dev.cognitocreds.publisher.users.UserDirectory;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "add",
    description =
        "Creates a user; Cognito e-mails a temporary password. Not licensed unless --licensed (custom:isLicensed = 0). An existing user is left as it is (exit 1).")
final class UsersAddCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Parameters(paramLabel = "USER", description = "The username.")
  String username;

  @Option(names = "--email", required = true, paramLabel = "E")
  String email;

  @Option(names = "--licensed", description = "Licensed from the start (custom:isLicensed = 1).")
  boolean licensed;

  @Option(names = "--attribute", paramLabel = "NAME=VALUE", description = "Another attribute.")
  Map<String, String> attributes = Map.of();

  @Override
  public Integer call() {
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      UserDirectory users = new UserDirectory(aws.userPools(), aws.setup().userPoolIdOrFail());
      boolean created = users.add(new NewUser(username, email, licensed, attributes));
      if (!created) {
        spec.commandLine()
            .getErr()
            .println(
                "user "
                    + username
                    + " already exists: left as it is (`license grant "
                    + username
                    + "` licenses it)");
        return 1;
      }
      spec.commandLine()
          .getOut()
          .println(
              "created "
                  + username
                  + (licensed ? " (licensed)" : " (not licensed: `license grant " + username + "`)")
                  + "; Cognito e-mails the temporary password to "
                  + email);
      return 0;
    }
  }
}

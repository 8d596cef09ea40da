package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.contract.ExitCodes;
import java.io.InputStream;
import picocli.CommandLine.Command;

/** {@code cognito-creds configure}: the writers of the AWS, docker and podman configuration. */
@Command(
    name = "configure",
    description =
        "Write the AWS profile, docker or podman configuration that makes pulls use cognito-creds.",
    subcommands = {
      ConfigureAllCommand.class,
      ConfigureProfileCommand.class,
      ConfigureDockerCommand.class,
      ConfigurePodmanCommand.class
    })
public final class ConfigureCommand extends ClientCommand {

  UserEnvironment environment() {
    return UserEnvironment.of(context());
  }

  InputStream stdin() {
    return context().stdin();
  }

  @Override
  public Integer call() {
    spec().commandLine().usage(err());
    return ExitCodes.USAGE;
  }
}

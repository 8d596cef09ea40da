package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "docker",
    description = {
      "Make docker pull from the registry through docker-credential-ecr-login.",
      "Adds \"credHelpers\": {REGISTRY: \"ecr-login\"} to $DOCKER_CONFIG/config.json (default ~/.docker/config.json)."
    })
final class ConfigureDockerCommand extends CredHelpersCommand {

  @Override
  List<Path> files(UserEnvironment environment) {
    return List.of(environment.dockerConfigFile());
  }
}

package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "docker",
    description = {
      "Make docker pull from the registry through docker-credential-cognito-creds (or --helper ecr-login).",
      "Adds \"credHelpers\": {REGISTRY: \"cognito-creds\"} and the registry to the profile's cognito_registries; writes $DOCKER_CONFIG/config.json (default ~/.docker/config.json)."
    })
final class ConfigureDockerCommand extends CredHelpersCommand {

  @Override
  List<Path> files(UserEnvironment environment) {
    return List.of(environment.dockerConfigFile());
  }
}

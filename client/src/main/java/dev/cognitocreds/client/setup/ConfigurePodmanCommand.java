package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "podman",
    description = {
      "Make podman pull from the registry through docker-credential-cognito-creds (or --helper ecr-login).",
      "Adds the credHelpers entry and the registry to the profile's cognito_registries; writes $${XDG_RUNTIME_DIR}/containers/auth.json and ~/.config/containers/auth.json."
    })
final class ConfigurePodmanCommand extends CredHelpersCommand {

  @Override
  List<Path> files(UserEnvironment environment) {
    return environment.podmanAuthFiles();
  }
}

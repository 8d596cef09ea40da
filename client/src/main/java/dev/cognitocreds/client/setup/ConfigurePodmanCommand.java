package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "podman", mixinStandardHelpOptions = true,
        description = {"Send podman pulls from the registry through docker-credential-ecr-login: adds the credHelpers",
            "entry to ${XDG_RUNTIME_DIR}/containers/auth.json and ~/.config/containers/auth.json."})
final class ConfigurePodmanCommand extends CredHelpersCommand {

    @Override
    List<Path> files(UserEnvironment environment) {
        return environment.podmanAuthFiles();
    }
}

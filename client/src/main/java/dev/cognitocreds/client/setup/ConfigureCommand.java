package dev.cognitocreds.client.setup;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cognito-creds configure}: the writers of the AWS, docker and podman configuration. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Write the AWS profile, docker or podman configuration that makes pulls use cognito-creds.",
        subcommands = {ConfigureProfileCommand.class, ConfigureDockerCommand.class, ConfigurePodmanCommand.class})
public final class ConfigureCommand implements Callable<Integer> {

    final UserEnvironment environment;
    final InputStream stdin;

    @Spec
    CommandSpec spec;

    public ConfigureCommand() {
        this(UserEnvironment.ofSystem(), System.in);
    }

    ConfigureCommand(UserEnvironment environment, InputStream stdin) {
        this.environment = environment;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return dev.cognitocreds.client.ExitCodes.USAGE;
    }
}

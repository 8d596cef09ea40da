package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "docker", mixinStandardHelpOptions = true,
        description = {"Send pulls from the registry through docker-credential-ecr-login: adds",
            "\"credHelpers\": {REGISTRY: \"ecr-login\"} to $DOCKER_CONFIG/config.json (default ~/.docker/config.json)."})
final class ConfigureDockerCommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Mixin
    WriteOptions write;

    @Override
    public Integer call() {
        EcrRegistry r = registry.resolve();
        FileEdit edit = CredHelpersFile.plan(parent.environment.dockerConfigFile(), r);
        PrintWriter out = spec.commandLine().getOut();
        edit.apply(write.dryRun, out);
        out.println(EcrHelperHint.TEXT);
        out.flush();
        return 0;
    }
}

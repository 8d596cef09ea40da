package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "podman", mixinStandardHelpOptions = true,
        description = {"Send podman pulls from the registry through docker-credential-ecr-login: adds the credHelpers",
            "entry to ${XDG_RUNTIME_DIR}/containers/auth.json and ~/.config/containers/auth.json."})
final class ConfigurePodmanCommand implements Callable<Integer> {

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
        // Plan every file before writing any, so an unparsable one leaves all of them untouched.
        List<FileEdit> edits = parent.environment.podmanAuthFiles().stream().map(f -> CredHelpersFile.plan(f, r)).toList();
        PrintWriter out = spec.commandLine().getOut();
        edits.forEach(e -> e.apply(write.dryRun, out));
        out.println(EcrHelperHint.TEXT);
        out.flush();
        return 0;
    }
}

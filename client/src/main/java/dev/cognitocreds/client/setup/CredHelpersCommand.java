package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A {@code configure} subcommand that adds the ECR credential helper entry to some JSON files. */
abstract class CredHelpersCommand implements Callable<Integer> {

    @ParentCommand
    ConfigureCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Mixin
    WriteOptions write;

    abstract List<Path> files(UserEnvironment environment);

    @Override
    public Integer call() {
        EcrRegistry r = registry.resolve();
        // Plan every file before writing any, so an unparsable one leaves all of them untouched.
        List<FileEdit> edits = files(parent.environment()).stream().map(f -> CredHelpersFile.plan(f, r)).toList();
        PrintWriter out = spec.commandLine().getOut();
        edits.forEach(e -> e.apply(write.dryRun, out));
        out.println(EcrHelperHint.TEXT);
        out.flush();
        return 0;
    }
}

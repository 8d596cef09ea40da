package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;

/** A {@code configure} subcommand that adds the ECR credential helper entry to some JSON files. */
abstract class CredHelpersCommand extends ConfigureSubcommand {

  @Mixin RegistryOptions registry;

  abstract List<Path> files(UserEnvironment environment);

  @Override
  public Integer call() {
    EcrRegistry r = registry.resolve();
    // Plan every file before writing any, so an unparsable one leaves all of them untouched.
    List<FileEdit> edits =
        files(parent.environment()).stream().map(f -> CredHelpersFile.plan(f, r)).toList();
    PrintWriter out = out();
    edits.forEach(e -> e.apply(write.dryRun, out));
    out.println(EcrHelperHint.TEXT);
    out.flush();
    return 0;
  }
}

package dev.cognitocreds.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of a subcommand: gives it the {@link ClientContext} of the root command and picocli's output
 * streams. A command returns its exit code or throws a {@link ClientException}.
 */
public abstract class ClientCommand implements Callable<Integer> {
  @ParentCommand private CognitoCreds root;

  @Spec private CommandSpec spec;

  protected ClientContext context() {
    return root.context();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected CommandSpec spec() {
    return spec;
  }
}

package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A {@code configure} writer: it sees the person's environment and honours {@code --dry-run}. */
abstract class ConfigureSubcommand implements Callable<Integer> {

  @ParentCommand ConfigureCommand parent;

  @Spec CommandSpec spec;

  @Mixin WriteOptions write;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}

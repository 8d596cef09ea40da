package dev.cognitocreds.publisher.cli;

import picocli.CommandLine.ArgGroup;

/** The setup options, shown in a group of their own in each command's help. */
final class SetupMixin {
  @ArgGroup(exclusive = false, heading = "Where the setup is:%n")
  SetupOptions options = new SetupOptions();
}

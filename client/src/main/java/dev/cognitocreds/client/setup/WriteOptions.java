package dev.cognitocreds.client.setup;

import picocli.CommandLine.Option;

/** What every configuration writer accepts. */
final class WriteOptions {
  @Option(names = "--dry-run", description = "Show what would change, write nothing.")
  boolean dryRun;
}

package dev.cognitocreds.publisher.cli;

import picocli.CommandLine.Command;

@Command(
    name = "users",
    description = "Adds, imports and lists the users of the user pool.",
    subcommands = {UsersAddCommand.class, UsersImportCommand.class, UsersListCommand.class})
final class UsersCommand {}

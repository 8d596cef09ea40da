package dev.cognitocreds.publisher.cli;

import picocli.CommandLine.Command;

@Command(
    name = "license",
    description = "Grants or revokes a user's licence (the custom:isLicensed attribute).",
    subcommands = {LicenseGrantCommand.class, LicenseRevokeCommand.class})
final class LicenseCommand {}

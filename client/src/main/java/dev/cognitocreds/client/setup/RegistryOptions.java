package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The registry to configure: given directly, or read from the publisher's onboarding file. */
final class RegistryOptions {
  @Option(
      names = "--registry",
      paramLabel = "ACCOUNT.dkr.ecr.REGION.amazonaws.com",
      description = "The publisher's ECR registry.")
  String registry;

  @Option(
      names = "--from",
      paramLabel = "ONBOARDING.json",
      description = "Take the registry from the publisher's onboarding file.")
  Path from;

  /** The onboarding file's profile, when the registry comes from one. */
  String onboardingProfile() {
    return from == null ? null : Onboarding.read(from).profile();
  }

  EcrRegistry resolve() {
    String value = registry != null ? registry : Onboarding.read(from).registry();
    if (value == null) {
      throw SetupException.usage(
          "which registry? pass --registry ACCOUNT.dkr.ecr.REGION.amazonaws.com"
              + " or --from ONBOARDING.json");
    }
    return EcrRegistry.parse(value);
  }
}

package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.setup.AwsClients;
import dev.cognitocreds.publisher.setup.OnboardingFile;
import dev.cognitocreds.publisher.setup.Setup;
import dev.cognitocreds.publisher.setup.SetupMissingException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the deployed setup is: an onboarding file, options, or both (options win over the file).
 */
final class SetupOptions {

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "An onboarding file (onboarding.json) naming the setup.")
  Path from;

  @Option(names = "--region", description = "The setup's region (default: from the pool ids).")
  String region;

  @Option(names = "--user-pool-id", paramLabel = "ID")
  String userPoolId;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "The app client users sign in with.")
  String clientId;

  @Option(names = "--identity-pool-id", paramLabel = "ID")
  String identityPoolId;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send the Cognito calls (user pool and identity pool) here. Any service: AWS_ENDPOINT_URL_<SERVICE>.")
  String endpointUrl;

  Setup setup() {
    return setup(Optional.empty(), Optional.empty());
  }

  Setup setup(Optional<String> profile, Optional<String> registry) {
    OnboardingFile file = from == null ? OnboardingFile.none() : OnboardingFile.read(from);
    Optional<String> pool = pick(userPoolId, file.field("userPoolId"));
    Optional<String> identityPool = pick(identityPoolId, file.field("identityPoolId"));
    String resolvedRegion =
        pick(region, file.field("region"))
            .or(() -> pool.map(id -> id.substring(0, Math.max(id.indexOf('_'), 0))))
            .or(() -> identityPool.map(id -> id.substring(0, Math.max(id.indexOf(':'), 0))))
            .filter(r -> !r.isEmpty())
            .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
            .orElseThrow(
                () ->
                    new SetupMissingException(
                        "no --region: give it, or --from an onboarding file"));
    return new Setup(
        resolvedRegion,
        pool,
        pick(clientId, file.field("clientId")),
        identityPool,
        registry.or(() -> file.field("registry")),
        profile.or(() -> file.field("profile")),
        pick(endpointUrl, file.field("endpointUrl")).map(AwsClients::endpoint));
  }

  private static Optional<String> pick(String option, Optional<String> fromFile) {
    return option != null && !option.isBlank() ? Optional.of(option) : fromFile;
  }
}

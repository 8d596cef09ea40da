package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The profile a registry is added to: the one asked for, else the onboarding file's, else {@code
 * AWS_PROFILE} when it is a cognito profile, else the only cognito profile of the AWS config file.
 */
final class ServingProfile {

  private ServingProfile() {}

  static String choose(UserEnvironment env, String asked, String fromOnboarding) {
    Path file = env.awsConfigFile();
    Map<String, Map<String, String>> all = AwsConfigFile.read(file);
    List<String> cognito =
        all.entrySet().stream()
            .filter(e -> e.getValue().containsKey("cognito_user_pool_id"))
            .map(Map.Entry::getKey)
            .toList();
    String chosen = asked != null ? asked : fromOnboarding;
    if (chosen == null) {
      String fromEnvironment = env.get("AWS_PROFILE").orElse(null);
      if (fromEnvironment != null && cognito.contains(fromEnvironment)) {
        chosen = fromEnvironment;
      } else if (cognito.size() == 1) {
        chosen = cognito.get(0);
      } else if (cognito.isEmpty()) {
        throw SetupException.usage(
            "no cognito profile in "
                + file
                + " to serve the registry: run `cognito-creds configure profile --from"
                + " ONBOARDING.json` first (or `cognito-creds configure all --from ONBOARDING.json`)");
      } else {
        throw SetupException.usage(
            "which profile serves the registry? pass --profile PROFILE (cognito profiles in "
                + file
                + ": "
                + String.join(", ", cognito)
                + ")");
      }
    }
    if (!cognito.contains(chosen)) {
      throw SetupException.usage(
          "no cognito profile "
              + chosen
              + " in "
              + file
              + ": run `cognito-creds configure profile --profile "
              + chosen
              + " --from ONBOARDING.json` first (or `cognito-creds configure all --from"
              + " ONBOARDING.json`)");
    }
    return chosen;
  }
}

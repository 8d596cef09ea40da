package dev.cognitocreds.client.command;

import dev.cognitocreds.contract.EnvironmentVariables;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --profile}: the option, else {@code AWS_PROFILE}, else {@code default}, like the AWS CLI.
 */
public final class ProfileOption {
  static final String DEFAULT_PROFILE = "default";

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Profile in the AWS config file (default: $AWS_PROFILE, else 'default').")
  String profile;

  public String resolve(Map<String, String> env) {
    if (profile != null && !profile.isBlank()) {
      return profile;
    }
    String fromEnv = env.get(EnvironmentVariables.AWS_PROFILE);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_PROFILE;
  }
}

package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A {@code configure} subcommand that sends a registry to a credential helper in some JSON files
 * and, for cognito-creds' own helper, adds the registry to the profile's {@code
 * cognito_registries}.
 */
abstract class CredHelpersCommand extends ConfigureSubcommand {

  @Mixin RegistryOptions registry;

  @Option(
      names = "--helper",
      paramLabel = "cognito-creds|ecr-login",
      converter = RegistryHelper.Converter.class,
      description =
          "The credential helper: cognito-creds (default, installed with cognito-creds) or"
              + " Amazon's ecr-login (uses AWS_PROFILE).")
  RegistryHelper helper = RegistryHelper.COGNITO_CREDS;

  @Option(
      names = "--profile",
      description =
          "The profile that serves the registry (default: the onboarding file's, AWS_PROFILE,"
              + " or the only cognito profile).")
  String profile;

  abstract List<Path> files(UserEnvironment environment);

  @Override
  public Integer call() {
    EcrRegistry r = registry.resolve();
    UserEnvironment env = parent.environment();
    // Plan every file before writing any, so an unparsable one leaves all of them untouched.
    List<FileEdit> edits = new ArrayList<>();
    String serving = null;
    if (helper == RegistryHelper.COGNITO_CREDS) {
      serving = ServingProfile.choose(env, profile, registry.onboardingProfile());
      edits.add(RegistriesKey.plan(env.awsConfigFile(), serving, r));
    }
    for (Path file : files(env)) {
      edits.add(CredHelpersFile.plan(file, r, helper));
    }
    PrintWriter out = out();
    edits.forEach(e -> e.apply(write.dryRun, out));
    if (serving != null) {
      out.println(EcrHelperHint.cognitoCreds(env, r, serving));
      out.println("Next: cognito-creds login --profile " + serving);
    } else {
      out.println(EcrHelperHint.TEXT);
    }
    out.flush();
    return 0;
  }
}

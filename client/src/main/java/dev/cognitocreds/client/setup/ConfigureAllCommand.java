package dev.cognitocreds.client.setup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "all",
    description = {
      "Do every step of the publisher's onboarding file: profile, docker and podman.",
      "Writes the AWS profile (with the registry in cognito_registries), docker's credHelpers entry",
      "and, when podman is installed, podman's.",
      "Nothing is written unless every file can be read."
    })
final class ConfigureAllCommand extends ConfigureSubcommand {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ONBOARDING.json",
      description = "The publisher's onboarding file.")
  Path from;

  @Option(
      names = "--helper",
      paramLabel = "cognito-creds|ecr-login",
      converter = RegistryHelper.Converter.class,
      description =
          "The credential helper docker and podman use: cognito-creds (default) or Amazon's"
              + " ecr-login (uses AWS_PROFILE).")
  RegistryHelper helper = RegistryHelper.COGNITO_CREDS;

  @Override
  public Integer call() {
    UserEnvironment env = parent.environment();
    Onboarding o = Onboarding.read(from);
    ProfileSettings settings =
        new ProfileSettings(
            o.profile(),
            o.region(),
            o.userPoolId(),
            o.clientId(),
            o.identityPoolId(),
            o.clientSecret(),
            o.roleArn(),
            o.authFlow(),
            o.endpointUrl());
    EcrRegistry registry = o.registry() == null ? null : EcrRegistry.parse(o.registry());
    boolean ours = registry != null && helper == RegistryHelper.COGNITO_CREDS;
    List<FileEdit> edits = new ArrayList<>();
    // One edit of the AWS config file: the profile's keys and, for our helper, its registry.
    edits.add(
        ConfigureProfileCommand.plan(
            env, settings, ours ? registry : null, BrowserSettings.read(from)));
    if (registry != null) {
      edits.add(CredHelpersFile.plan(env.dockerConfigFile(), registry, helper));
      if (ExecutableLookup.onPath(env.env().get("PATH"), "podman").isPresent()) {
        env.podmanAuthFiles().forEach(f -> edits.add(CredHelpersFile.plan(f, registry, helper)));
      }
    }
    PrintWriter out = out();
    edits.forEach(e -> e.apply(write.dryRun, out));
    if (ours) {
      out.println(EcrHelperHint.cognitoCreds(env, registry, settings.profile()));
    }
    out.println("Next: cognito-creds login --profile " + settings.profile());
    if (ours) {
      out.println("Then: docker pull " + registry + "/REPOSITORY:TAG");
    } else {
      out.println(
          "Then: export AWS_PROFILE="
              + settings.profile()
              + " (docker-credential-ecr-login uses it)");
    }
    out.flush();
    return 0;
  }
}

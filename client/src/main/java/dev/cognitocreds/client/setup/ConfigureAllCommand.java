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
      "Writes the AWS profile, docker's credHelpers entry and, when podman is installed, podman's.",
      "Nothing is written unless every file can be read."
    })
final class ConfigureAllCommand extends ConfigureSubcommand {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ONBOARDING.json",
      description = "The publisher's onboarding file.")
  Path from;

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
    List<FileEdit> edits = new ArrayList<>();
    edits.add(ConfigureProfileCommand.plan(env, settings, BrowserSettings.read(from)));
    if (o.registry() != null) {
      EcrRegistry registry = EcrRegistry.parse(o.registry());
      edits.add(CredHelpersFile.plan(env.dockerConfigFile(), registry));
      if (ExecutableLookup.onPath(env.env().get("PATH"), "podman").isPresent()) {
        env.podmanAuthFiles().forEach(f -> edits.add(CredHelpersFile.plan(f, registry)));
      }
    }
    PrintWriter out = out();
    edits.forEach(e -> e.apply(write.dryRun, out));
    out.println("Next: cognito-creds login --profile " + settings.profile());
    out.println(
        "Then: export AWS_PROFILE="
            + settings.profile()
            + " (docker-credential-ecr-login uses it)");
    out.flush();
    return 0;
  }
}

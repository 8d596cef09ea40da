package dev.cognitocreds.client.setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "profile",
    description = {
      "Write a profile's cognito_* keys and credential_process line into the AWS config file.",
      "The file is AWS_CONFIG_FILE (default ~/.aws/config); everything else in it stays as it is.",
      "Values come from the flags, or from the publisher's onboarding file (--from); flags win."
    })
final class ConfigureProfileCommand extends ConfigureSubcommand {

  @Option(
      names = "--from",
      paramLabel = "ONBOARDING.json",
      description = "The publisher's onboarding file.")
  Path from;

  @Option(
      names = "--profile",
      description = "Profile name (default: the onboarding file's \"profile\").")
  String profile;

  @Option(names = "--region", description = "The pools' AWS region, e.g. us-east-2.")
  String region;

  @Option(names = "--user-pool-id", description = "The user pool id, REGION_ID.")
  String userPoolId;

  @Option(names = "--client-id", description = "The user pool app client id.")
  String clientId;

  @Option(names = "--identity-pool-id", description = "The identity pool id, REGION:UUID.")
  String identityPoolId;

  @Option(names = "--role-arn", description = "Role to ask for when the ID token allows several.")
  String roleArn;

  @Option(names = "--auth-flow", description = "USER_SRP_AUTH (default) or USER_PASSWORD_AUTH.")
  String authFlow;

  @Option(
      names = "--endpoint-url",
      description = "Another Cognito endpoint (a local Cognito, a VPC endpoint).")
  String endpointUrl;

  @Option(
      names = "--client-secret-stdin",
      description =
          "Read the app client's secret from the first line of standard input (never from an argument).")
  boolean clientSecretFromStdin;

  @Override
  public Integer call() {
    Onboarding o = Onboarding.read(from);
    ProfileSettings settings =
        new ProfileSettings(
            pick(profile, o.profile()),
            pick(region, o.region()),
            pick(userPoolId, o.userPoolId()),
            pick(clientId, o.clientId()),
            pick(identityPoolId, o.identityPoolId()),
            clientSecretFromStdin ? readSecret() : o.clientSecret(),
            pick(roleArn, o.roleArn()),
            pick(authFlow, o.authFlow()),
            pick(endpointUrl, o.endpointUrl()));
    FileEdit edit = plan(parent.environment(), settings);

    PrintWriter out = out();
    edit.apply(write.dryRun, out);
    out.println("Next: cognito-creds login --profile " + settings.profile());
    if (o.registry() != null) {
      out.println(
          "Then: cognito-creds configure docker --registry " + EcrRegistry.parse(o.registry()));
    }
    out.flush();
    return 0;
  }

  /** The profile's keys and a credential_process line that runs this installation. */
  static FileEdit plan(UserEnvironment env, ProfileSettings settings) {
    return plan(env, settings, null);
  }

  /** The same, with {@code registry} (unless null) added to the profile's cognito_registries. */
  static FileEdit plan(UserEnvironment env, ProfileSettings settings, EcrRegistry registry) {
    String credentialProcess = CredentialProcessLine.of(env.install().client(), settings.profile());
    Map<String, String> keys = new LinkedHashMap<>(settings.configKeys(credentialProcess));
    if (registry != null) {
      String current =
          AwsConfigFile.read(env.awsConfigFile())
              .getOrDefault(settings.profile(), Map.of())
              .get(RegistriesKey.KEY);
      keys.put(RegistriesKey.KEY, RegistriesKey.withRegistry(current, registry));
    }
    return AwsConfigFile.plan(
        env.awsConfigFile(), settings.profile(), keys, ProfileSettings.SECRET_KEYS);
  }

  private String readSecret() {
    try {
      String line =
          new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8))
              .readLine();
      if (line == null || line.isBlank()) {
        throw SetupException.usage("--client-secret-stdin: standard input is empty");
      }
      return line.strip();
    } catch (IOException e) {
      throw new SetupException(
          "cannot read the client secret from standard input: " + e.getMessage());
    }
  }

  private static String pick(String flag, String fromFile) {
    return flag != null ? flag : fromFile;
  }
}

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
      names = "--domain",
      description = "The user pool's hosted UI domain, for login --browser.")
  String domain;

  @Option(
      names = "--redirect-uri",
      description =
          "The loopback callback URL of a browser sign-in (default http://127.0.0.1:41739/callback).")
  String redirectUri;

  @Option(
      names = "--identity-provider",
      description = "The provider a browser sign-in goes to directly (skips the chooser).")
  String identityProvider;

  @Option(names = "--login", description = "browser: `login` signs in through the browser.")
  String login;

  @Option(
      names = "--oidc-issuer",
      description = "An OIDC provider the identity pool trusts directly (instead of a user pool).")
  String oidcIssuer;

  @Option(names = "--oidc-client-id", description = "The client id at that OIDC provider.")
  String oidcClientId;

  @Option(
      names = "--client-secret-stdin",
      description =
          "Read the app client's secret from the first line of standard input (never from an argument).")
  boolean clientSecretFromStdin;

  @Override
  public Integer call() {
    Onboarding o = Onboarding.read(from);
    BrowserSettings browser =
        new BrowserSettings(domain, redirectUri, identityProvider, login, oidcIssuer, oidcClientId)
            .orElse(BrowserSettings.read(from));
    if (browser.oidcOnly() && pick(userPoolId, o.userPoolId()) == null) {
      return configureOidcOnly(o, browser);
    }
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
    FileEdit edit = plan(parent.environment(), settings, null, browser);

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
    return plan(env, settings, null, BrowserSettings.NONE);
  }

  /** The same, with {@code registry} (unless null) added to the profile's cognito_registries. */
  static FileEdit plan(UserEnvironment env, ProfileSettings settings, EcrRegistry registry) {
    return plan(env, settings, registry, BrowserSettings.NONE);
  }

  /**
   * The same, with {@code registry} (unless null) added to the profile's cognito_registries and the
   * keys of a browser sign-in before the credential_process line.
   */
  static FileEdit plan(
      UserEnvironment env,
      ProfileSettings settings,
      EcrRegistry registry,
      BrowserSettings browser) {
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
        env.awsConfigFile(),
        settings.profile(),
        withBrowserKeys(keys, browser),
        ProfileSettings.SECRET_KEYS);
  }

  /** {@code keys} with the browser sign-in's keys inserted before credential_process. */
  private static Map<String, String> withBrowserKeys(
      Map<String, String> keys, BrowserSettings browser) {
    Map<String, String> ordered = new LinkedHashMap<>();
    keys.forEach(
        (key, value) -> {
          if (key.equals("credential_process")) {
            ordered.putAll(browser.configKeys());
          }
          ordered.put(key, value);
        });
    return ordered;
  }

  /**
   * A profile whose identity pool trusts an OIDC provider directly: region, identity pool, the
   * provider's issuer and client, no user pool.
   */
  private int configureOidcOnly(Onboarding o, BrowserSettings browser) {
    // ProfileSettings checks the shared keys; its user pool and client stand in for the provider's
    String name = pick(profile, o.profile());
    ProfileSettings shared =
        new ProfileSettings(
            name,
            pick(region, o.region()),
            pick(region, o.region()) + "_OidcOnly",
            "oidc",
            pick(identityPoolId, o.identityPoolId()),
            null,
            pick(roleArn, o.roleArn()),
            null,
            pick(endpointUrl, o.endpointUrl()));
    UserEnvironment env = parent.environment();
    String credentialProcess = CredentialProcessLine.of(env.install().client(), name);
    Map<String, String> keys = new LinkedHashMap<>(shared.configKeys(credentialProcess));
    keys.remove("cognito_user_pool_id");
    keys.remove("cognito_client_id");
    keys.remove("credential_process");
    keys.putAll(browser.configKeys());
    keys.put("credential_process", credentialProcess);
    AwsConfigFile.plan(env.awsConfigFile(), name, keys, ProfileSettings.SECRET_KEYS)
        .apply(write.dryRun, out());
    out().println("Next: cognito-creds login --browser --profile " + name);
    out().flush();
    return 0;
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

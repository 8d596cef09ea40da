package dev.cognitocreds.client.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.contract.Routes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks behind {@code cognito-creds doctor}, from the config file to a pull's last helper. */
final class Doctor {

  static final String ECR_HELPER = RegistryHelper.ECR_LOGIN.program();

  private final UserEnvironment env;
  private final DaemonClient daemon;
  private final Clock clock;
  private final Optional<String> onlyProfile;
  private final CommandRunner runner;
  private final List<Check> checks = new ArrayList<>();

  /**
   * @param runner runs systemctl or launchctl (and id) for the user service's state
   */
  Doctor(
      UserEnvironment env,
      DaemonClient daemon,
      Clock clock,
      Optional<String> onlyProfile,
      CommandRunner runner) {
    this.env = env;
    this.daemon = daemon;
    this.clock = clock;
    this.onlyProfile = onlyProfile;
    this.runner = runner;
  }

  List<Check> run() {
    List<String> profiles = checkConfig();
    checkUserService();
    JsonNode status = checkDaemon();
    if (status != null) {
      profiles.forEach(profile -> checkSession(profile, status));
    }
    Map<String, RegistryHelper> registries = checkCredHelpers();
    if (registries.containsValue(RegistryHelper.COGNITO_CREDS)) {
      checkProgram(
          RegistryHelper.COGNITO_CREDS.program(),
          true,
          "put the bin folder of cognito-creds on PATH (the .deb links it into /usr/bin)");
      registries.forEach(
          (registry, helper) -> {
            if (helper == RegistryHelper.COGNITO_CREDS) {
              checkRegistry(registry, status != null);
            }
          });
    }
    if (registries.isEmpty() || registries.containsValue(RegistryHelper.ECR_LOGIN)) {
      checkHelperProfile(profiles);
      checkProgram(
          ECR_HELPER,
          true,
          "install Amazon's ECR credential helper (Debian/Ubuntu:"
              + " apt-get install amazon-ecr-credential-helper) and put it on PATH");
    }
    checkProgram(
        "aws", false, "optional: install the AWS CLI to use the profile from the command line");
    return List.copyOf(checks);
  }

  /** The profiles to look at: the one asked for, else every profile with cognito keys. */
  private List<String> checkConfig() {
    Path file = env.awsConfigFile();
    Map<String, Map<String, String>> all;
    try {
      all = AwsConfigFile.read(file);
    } catch (SetupException e) {
      checks.add(Check.fail("AWS config", e.getMessage(), "fix " + file + " by hand"));
      return List.of();
    }
    List<String> profiles =
        all.entrySet().stream()
            .filter(
                e ->
                    e.getValue().containsKey("cognito_user_pool_id")
                        || e.getValue().containsKey("cognito_oidc_issuer"))
            .map(Map.Entry::getKey)
            .filter(p -> onlyProfile.map(p::equals).orElse(true))
            .toList();
    if (profiles.isEmpty()) {
      checks.add(
          Check.fail(
              "AWS config",
              "no "
                  + onlyProfile.map(p -> "profile " + p + " with ").orElse("profile with ")
                  + "cognito_user_pool_id or cognito_oidc_issuer in "
                  + file,
              "cognito-creds configure profile --from ONBOARDING.json"));
      return List.of();
    }
    for (String profile : profiles) {
      if (all.get(profile).containsKey("cognito_user_pool_id")) {
        checkKeys(profile, all.get(profile));
      }
      checks.addAll(new BrowserSignInCheck().run(profile, all.get(profile)));
      checkCredentialProcess(profile, all.get(profile).get("credential_process"));
    }
    return profiles;
  }

  private void checkKeys(String profile, Map<String, String> keys) {
    String name = "profile " + profile;
    try {
      new ProfileSettings(
          profile,
          keys.get("region"),
          keys.get("cognito_user_pool_id"),
          keys.get("cognito_client_id"),
          keys.get("cognito_identity_pool_id"),
          keys.get("cognito_client_secret"),
          keys.get("cognito_role_arn"),
          keys.get("cognito_auth_flow"),
          keys.get("cognito_endpoint_url"));
      checks.add(Check.ok(name, "cognito keys present and well-formed in " + env.awsConfigFile()));
    } catch (SetupException e) {
      checks.add(
          Check.fail(
              name,
              "keys are not valid: " + e.getMessage(),
              "cognito-creds configure profile --profile "
                  + profile
                  + " --from ONBOARDING.json (or edit "
                  + env.awsConfigFile()
                  + ")"));
    }
  }

  private void checkCredentialProcess(String profile, String line) {
    String name = "credential_process (" + profile + ")";
    String fix = "cognito-creds configure profile --profile " + profile + " --from ONBOARDING.json";
    if (line == null || line.isBlank()) {
      checks.add(
          Check.fail(
              name,
              "missing: AWS tools and docker-credential-ecr-login cannot get credentials",
              fix));
      return;
    }
    // The line itself is never printed: older one-shot tools kept the password in it.
    if (!line.contains("credential-process")
        || !line.matches(".*--profile\\s+\"?" + Pattern.quote(profile) + "\"?\\s*$")) {
      checks.add(
          Check.fail(
              name,
              "runs something else than `cognito-creds credential-process --profile "
                  + profile
                  + "` (if that line holds a password, change it now)",
              fix));
      return;
    }
    Optional<InstallLayout> install = InstallLayout.detect(env.env());
    Optional<Path> program = programOf(line);
    if (install.isEmpty() || program.isEmpty()) {
      checks.add(
          Check.warn(name, "present, but cannot tell whether it runs this installation", fix));
    } else if (!sameFile(program.get(), install.get().client())) {
      checks.add(
          Check.fail(
              name,
              "runs " + program.get() + ", not this installation's " + install.get().client(),
              fix));
    } else {
      checks.add(Check.ok(name, "runs " + install.get().client()));
    }
  }

  private Optional<Path> programOf(String line) {
    String first;
    if (line.startsWith("\"")) {
      int end = line.indexOf('"', 1);
      first = end < 0 ? line.substring(1) : line.substring(1, end).replace("\\\\", "\\");
    } else {
      first = line.split("\\s+", 2)[0];
    }
    if (first.startsWith("~/")) {
      return Optional.of(env.home().resolve(first.substring(2)));
    }
    if (first.contains("/")) {
      return Optional.of(Path.of(first));
    }
    return ExecutableLookup.onPath(env.env().get("PATH"), first);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Not needed for a pull (the daemon may be started by hand), but it keeps the daemon running. */
  private void checkUserService() {
    checks.add(new UserServiceCheck(env, runner, UserServiceCheck.PACKAGED_UNIT).run());
  }

  private JsonNode checkDaemon() {
    checkTokenFile(daemon.paths());
    try {
      JsonNode status = daemon.get(Routes.STATUS).orThrow().json();
      String detail =
          "cognito-credsd "
              + status.path("version").asText("?")
              + " answers at "
              + daemon.endpoint();
      String daemonConfig = status.path("configFile").asText(null);
      if (daemonConfig != null && !Path.of(daemonConfig).equals(env.awsConfigFile())) {
        checks.add(
            Check.warn(
                "daemon",
                detail
                    + ", but it reads "
                    + daemonConfig
                    + " while this shell uses "
                    + env.awsConfigFile(),
                "start the daemon with the same AWS_CONFIG_FILE (cognito-creds service install)"));
      } else {
        checks.add(Check.ok("daemon", detail));
      }
      return status;
    } catch (ClientException e) {
      checks.add(
          Check.fail(
              "daemon", e.getMessage(), "cognito-creds service install (or start cognito-credsd)"));
      return null;
    }
  }

  private void checkTokenFile(FileLocations paths) {
    Path token = paths.tokenFile();
    try {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(token));
      if ("rw-------".equals(mode)) {
        checks.add(Check.ok("token file", token + " is private (0600)"));
      } else {
        checks.add(
            Check.fail(
                "token file",
                token + " has mode " + mode + ": other users could take credentials",
                "chmod 600 " + token));
      }
    } catch (java.nio.file.NoSuchFileException e) {
      checks.add(
          Check.fail(
              "token file",
              token + " does not exist: the daemon has not run yet for this user",
              "cognito-creds service install (or start cognito-credsd)"));
    } catch (IOException e) {
      checks.add(
          Check.fail(
              "token file",
              "cannot read the mode of " + token + ": " + e.getMessage(),
              "check " + token));
    }
  }

  private void checkSession(String profile, JsonNode status) {
    JsonNode entry = null;
    for (JsonNode p : status.path("profiles")) {
      if (profile.equals(p.path("profile").asText())) {
        entry = p;
      }
    }
    String name = "signed in (" + profile + ")";
    if (entry == null) {
      checks.add(
          Check.fail(
              name,
              "the daemon does not know profile " + profile,
              "restart the daemon so it reads the profile (cognito-creds service stop && cognito-creds service start)"));
      return;
    }
    String state = entry.path("state").asText();
    if ("INVALID".equals(state)) {
      checks.add(
          Check.fail(
              name,
              "the daemon finds the profile invalid: " + entry.path("problems"),
              "cognito-creds configure profile --profile " + profile + " --from ONBOARDING.json"));
      return;
    }
    if (!"SIGNED_IN".equals(state)) {
      checks.add(
          Check.fail(
              name,
              "profile " + profile + " is signed out",
              "cognito-creds login --profile " + profile));
      return;
    }
    checks.add(Check.ok(name, "as " + entry.path("username").asText("?")));
    checkCredentials(profile);
  }

  private void checkCredentials(String profile) {
    String name = "credentials (" + profile + ")";
    try {
      JsonNode credentials =
          daemon.get(Routes.profile(profile, Routes.CREDENTIALS)).orThrow().json();
      Instant expiration = Instant.parse(credentials.path("Expiration").asText());
      Duration left = Duration.between(clock.instant(), expiration);
      if (left.isNegative()) {
        checks.add(
            Check.fail(
                name,
                "the daemon served credentials that expired at " + expiration,
                "cognito-creds status --profile " + profile + " shows the last error"));
      } else {
        checks.add(
            Check.ok(
                name,
                "obtained, valid for " + left.toMinutes() + " min (until " + expiration + ")"));
      }
    } catch (ClientException e) {
      checks.add(Check.fail(name, e.getMessage(), "cognito-creds status shows the last error"));
    } catch (DateTimeParseException e) {
      checks.add(
          Check.fail(name, "the daemon's answer has no valid Expiration", "update cognito-creds"));
    }
  }

  /** The registries docker's and podman's files send to a helper we know, with the helper. */
  private Map<String, RegistryHelper> checkCredHelpers() {
    Set<String> found = new LinkedHashSet<>();
    Map<String, RegistryHelper> registries = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    files.add(env.dockerConfigFile());
    files.addAll(env.podmanAuthFiles());
    for (Path file : files) {
      CredHelpersFile.registries(file)
          .forEach(
              (registry, helper) -> {
                found.add(registry + " -> " + helper + " in " + file);
                registries.putIfAbsent(registry, helper);
              });
    }
    if (found.isEmpty()) {
      checks.add(
          Check.fail(
              "credHelpers",
              "no ECR registry is sent to cognito-creds or ecr-login in " + files,
              "cognito-creds configure docker --registry ACCOUNT.dkr.ecr.REGION.amazonaws.com (or configure podman)"));
    } else {
      checks.add(Check.ok("credHelpers", String.join(", ", found)));
    }
    return registries;
  }

  /**
   * A registry sent to docker-credential-cognito-creds: a profile serves it (cognito_registries,
   * else AWS_PROFILE) and, when the daemon answers, a password is obtainable.
   */
  private void checkRegistry(String registry, boolean daemonAnswers) {
    String name = "registry " + registry;
    Map<String, Map<String, String>> all;
    try {
      all = AwsConfigFile.read(env.awsConfigFile());
    } catch (SetupException e) {
      return; // reported by the AWS config check
    }
    Optional<String> named =
        all.entrySet().stream()
            .filter(e -> e.getValue().containsKey("cognito_user_pool_id"))
            .filter(
                e ->
                    RegistriesKey.hosts(e.getValue().get(RegistriesKey.KEY)).stream()
                        .anyMatch(registry::equalsIgnoreCase))
            .map(Map.Entry::getKey)
            .findFirst();
    Optional<String> fromEnvironment =
        env.get("AWS_PROFILE")
            .filter(p -> all.getOrDefault(p, Map.of()).containsKey("cognito_user_pool_id"));
    Optional<String> profile = named.or(() -> fromEnvironment);
    if (profile.isEmpty()) {
      checks.add(
          Check.fail(
              name,
              "no cognito profile names it in " + RegistriesKey.KEY + " (nor is AWS_PROFILE one)",
              "cognito-creds configure docker --registry " + registry + " --profile PROFILE"));
      return;
    }
    String how = named.isPresent() ? RegistriesKey.KEY : "AWS_PROFILE";
    if (!daemonAnswers) {
      checks.add(Check.warn(name, "served by profile " + profile.get() + " (" + how + ")", null));
      return;
    }
    try {
      String route =
          Routes.registryCredentials(registry)
              + fromEnvironment
                  .map(p -> "?profile=" + URLEncoder.encode(p, StandardCharsets.UTF_8))
                  .orElse("");
      // the answer holds the password: only its presence is looked at
      boolean hasPassword = !daemon.get(route).orThrow().json().path("Secret").asText().isEmpty();
      checks.add(
          hasPassword
              ? Check.ok(
                  name, "served by profile " + profile.get() + " (" + how + "), password obtained")
              : Check.fail(name, "the daemon answered without a password", "update cognito-creds"));
    } catch (ClientException e) {
      checks.add(Check.fail(name, e.getMessage(), "cognito-creds status shows the last error"));
    }
  }

  /** docker-credential-ecr-login takes the profile from AWS_PROFILE, else [default]. */
  private void checkHelperProfile(List<String> profiles) {
    if (profiles.isEmpty()) {
      return;
    }
    String used = env.get("AWS_PROFILE").orElse("default");
    if (profiles.contains(used)) {
      checks.add(Check.ok("AWS_PROFILE", "docker-credential-ecr-login uses profile " + used));
    } else {
      checks.add(
          Check.warn(
              "AWS_PROFILE",
              "docker-credential-ecr-login uses profile "
                  + used
                  + ", which is not a cognito profile here",
              "export AWS_PROFILE=" + profiles.get(0)));
    }
  }

  private void checkProgram(String program, boolean required, String fix) {
    Optional<Path> found = ExecutableLookup.onPath(env.env().get("PATH"), program);
    if (found.isPresent()) {
      checks.add(Check.ok(program, "found at " + found.get()));
    } else if (required) {
      checks.add(Check.fail(program, "not found on PATH", fix));
    } else {
      checks.add(Check.warn(program, "not found on PATH", fix));
    }
  }
}

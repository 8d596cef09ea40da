package dev.cognitocreds.daemon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the raw keys of one profile into a {@link ConfiguredProfile}, naming every broken key. */
final class ProfileValidator {

  static final String USER_POOL_ID = "cognito_user_pool_id";
  static final String CLIENT_ID = "cognito_client_id";
  static final String CLIENT_SECRET = "cognito_client_secret";
  static final String IDENTITY_POOL_ID = "cognito_identity_pool_id";
  static final String ROLE_ARN = "cognito_role_arn";
  static final String AUTH_FLOW = "cognito_auth_flow";
  static final String ENDPOINT_URL = "cognito_endpoint_url";
  static final String REGISTRIES = "cognito_registries";
  static final String ECR_ENDPOINT_URL = "cognito_ecr_endpoint_url";
  static final String DOMAIN = "cognito_domain";
  static final String REDIRECT_URI = "cognito_redirect_uri";
  static final String IDENTITY_PROVIDER = "cognito_identity_provider";
  static final String LOGIN = "cognito_login";
  static final String OIDC_ISSUER = "cognito_oidc_issuer";
  static final String OIDC_CLIENT_ID = "cognito_oidc_client_id";
  private static final Set<String> KNOWN_KEYS =
      Set.of(
          USER_POOL_ID,
          CLIENT_ID,
          CLIENT_SECRET,
          IDENTITY_POOL_ID,
          ROLE_ARN,
          AUTH_FLOW,
          ENDPOINT_URL,
          REGISTRIES,
          ECR_ENDPOINT_URL,
          DOMAIN,
          REDIRECT_URI,
          IDENTITY_PROVIDER,
          LOGIN,
          OIDC_ISSUER,
          OIDC_CLIENT_ID);

  private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d";
  private static final Pattern USER_POOL_ID_FORMAT = Pattern.compile(REGION + "_[0-9A-Za-z]+");
  private static final Pattern CLIENT_ID_FORMAT = Pattern.compile("[\\w+]{1,128}");
  private static final Pattern IDENTITY_POOL_ID_FORMAT =
      Pattern.compile(REGION + ":[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ROLE_ARN_FORMAT =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/\\S+");
  private static final Pattern REGION_FORMAT = Pattern.compile(REGION);

  private final Path file;

  ProfileValidator(Path file) {
    this.file = file;
  }

  ConfiguredProfile validate(String name, Map<String, String> keys) {
    List<String> problems = new ArrayList<>();
    boolean oidcOnly = !keys.containsKey(USER_POOL_ID) && keys.containsKey(OIDC_ISSUER);
    BrowserLogin browser = new BrowserLoginKeys(file, name).read(keys, oidcOnly, problems);
    String userPoolId =
        oidcOnly
            ? null
            : required(
                name,
                keys,
                USER_POOL_ID,
                USER_POOL_ID_FORMAT,
                "a user pool id like us-east-2_AbC123xyz",
                problems);
    String clientId =
        oidcOnly
            ? browser.oidcClientId().orElse(null)
            : required(name, keys, CLIENT_ID, CLIENT_ID_FORMAT, "an app client id", problems);
    String identityPoolId =
        required(
            name,
            keys,
            IDENTITY_POOL_ID,
            IDENTITY_POOL_ID_FORMAT,
            "an identity pool id like us-east-2:00000000-0000-0000-0000-000000000000",
            problems);
    Optional<String> roleArn =
        optional(
            name,
            keys,
            ROLE_ARN,
            ROLE_ARN_FORMAT,
            "an IAM role ARN like arn:aws:iam::111122223333:role/name",
            problems);
    AuthFlow authFlow = authFlow(name, keys, problems);
    Optional<URI> endpointUrl = url(name, keys, ENDPOINT_URL, problems);
    Optional<URI> ecrEndpointUrl = url(name, keys, ECR_ENDPOINT_URL, problems);
    List<String> registries = registries(keys.get(REGISTRIES));
    Optional<String> clientSecret = Optional.ofNullable(keys.get(CLIENT_SECRET)).map(String::trim);
    if (clientSecret.isPresent() && clientSecret.get().isEmpty()) {
      problems.add(
          problem(name, CLIENT_SECRET, "is empty: remove the key or set the app client's secret"));
    }
    String region = keys.get("region");
    if (region != null && !REGION_FORMAT.matcher(region.trim()).matches()) {
      problems.add(problem(name, "region", "'" + region + "' is not an AWS region like us-east-2"));
    }
    // a newer configure may write keys this daemon has not learnt: ignored, never a refusal
    List<String> warnings = new ArrayList<>();
    for (String key : keys.keySet().stream().sorted().toList()) {
      if (key.startsWith("cognito_") && !KNOWN_KEYS.contains(key)) {
        warnings.add(
            problem(
                name,
                key,
                "is not a key this version of cognito-credsd knows, so it is ignored (known: "
                    + String.join(", ", sorted())
                    + "): check its spelling, or update cognito-creds if a newer version wrote"
                    + " it"));
      }
    }
    if (!problems.isEmpty()) {
      return new ConfiguredProfile(name, Optional.empty(), problems, warnings);
    }
    String effectiveRegion =
        region != null
            ? region.trim()
            : oidcOnly
                ? identityPoolId.substring(0, identityPoolId.indexOf(':'))
                : userPoolId.substring(0, userPoolId.indexOf('_'));
    return new ConfiguredProfile(
        name,
        Optional.of(
            new CognitoProfile(
                name,
                effectiveRegion,
                userPoolId,
                clientId,
                clientSecret,
                identityPoolId,
                roleArn,
                authFlow,
                endpointUrl,
                registries,
                ecrEndpointUrl,
                browser)),
        List.of(),
        warnings);
  }

  private String required(
      String profile,
      Map<String, String> keys,
      String key,
      Pattern format,
      String expected,
      List<String> problems) {
    String value = keys.get(key);
    if (value == null || value.isBlank()) {
      problems.add(problem(profile, key, "is missing: expected " + expected));
      return null;
    }
    return checked(profile, key, value.trim(), format, expected, problems);
  }

  private Optional<String> optional(
      String profile,
      Map<String, String> keys,
      String key,
      Pattern format,
      String expected,
      List<String> problems) {
    String value = keys.get(key);
    return value == null
        ? Optional.empty()
        : Optional.ofNullable(checked(profile, key, value.trim(), format, expected, problems));
  }

  private String checked(
      String profile,
      String key,
      String value,
      Pattern format,
      String expected,
      List<String> problems) {
    if (!format.matcher(value).matches()) {
      problems.add(problem(profile, key, "'" + value + "' is not " + expected));
      return null;
    }
    return value;
  }

  private AuthFlow authFlow(String profile, Map<String, String> keys, List<String> problems) {
    String value = keys.get(AUTH_FLOW);
    if (value == null) {
      return AuthFlow.USER_SRP_AUTH;
    }
    Optional<AuthFlow> flow = AuthFlow.parse(value.trim());
    if (flow.isEmpty()) {
      problems.add(
          problem(
              profile, AUTH_FLOW, "'" + value + "' is not USER_SRP_AUTH or USER_PASSWORD_AUTH"));
    }
    return flow.orElse(null);
  }

  /** Registry hosts separated by spaces or commas, as {@code configure docker} writes them. */
  private static List<String> registries(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.trim().split("[\\s,]+")).filter(h -> !h.isEmpty()).toList();
  }

  private Optional<URI> url(
      String profile, Map<String, String> keys, String key, List<String> problems) {
    String value = keys.get(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below with the same words as any other malformed value
    }
    problems.add(
        problem(profile, key, "'" + value + "' is not an http(s) URL like http://127.0.0.1:9229"));
    return Optional.empty();
  }

  private String problem(String profile, String key, String what) {
    return file + ": profile " + profile + ": " + key + " " + what;
  }

  private static List<String> sorted() {
    return KNOWN_KEYS.stream().sorted().toList();
  }
}

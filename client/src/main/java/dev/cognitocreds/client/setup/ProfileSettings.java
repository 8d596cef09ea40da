package dev.cognitocreds.client.setup;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The cognito_* keys of one profile, checked before anything is written. */
record ProfileSettings(
    String profile,
    String region,
    String userPoolId,
    String clientId,
    String identityPoolId,
    String clientSecret,
    String roleArn,
    String authFlow,
    String endpointUrl) {

  static final Set<String> SECRET_KEYS = Set.of("cognito_client_secret");

  private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+@-]{0,63}");
  private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
  private static final Pattern REGION_ONLY = Pattern.compile(REGION);
  private static final Pattern USER_POOL = Pattern.compile(REGION + "_[0-9A-Za-z]+");
  private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");
  private static final Pattern IDENTITY_POOL = Pattern.compile(REGION + ":[0-9a-f-]+");
  private static final Pattern CLIENT_SECRET = Pattern.compile("[\\w+]{1,128}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Set<String> FLOWS = Set.of("USER_SRP_AUTH", "USER_PASSWORD_AUTH");

  ProfileSettings {
    require("--profile", profile, PROFILE, "letters, digits and _.+@-");
    require("--region", region, REGION_ONLY, "for example us-east-2");
    require("--user-pool-id", userPoolId, USER_POOL, "REGION_ID, for example us-east-2_UXqM66clL");
    require("--client-id", clientId, CLIENT_ID, "the app client id, letters and digits");
    require("--identity-pool-id", identityPoolId, IDENTITY_POOL, "REGION:UUID");
    optional("client secret", clientSecret, CLIENT_SECRET, "letters, digits and +");
    optional("--role-arn", roleArn, ROLE_ARN, "arn:aws:iam::ACCOUNT:role/NAME");
    if (authFlow != null && !FLOWS.contains(authFlow)) {
      throw SetupException.usage(
          "--auth-flow must be USER_SRP_AUTH or USER_PASSWORD_AUTH, not " + authFlow);
    }
    if (endpointUrl != null) {
      checkUrl(endpointUrl);
    }
  }

  /** The keys to write, in the order the design document shows them. */
  Map<String, String> configKeys(String credentialProcess) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("region", region);
    keys.put("cognito_user_pool_id", userPoolId);
    keys.put("cognito_client_id", clientId);
    keys.put("cognito_identity_pool_id", identityPoolId);
    putIfSet(keys, "cognito_client_secret", clientSecret);
    putIfSet(keys, "cognito_role_arn", roleArn);
    putIfSet(keys, "cognito_auth_flow", authFlow);
    putIfSet(keys, "cognito_endpoint_url", endpointUrl);
    keys.put("credential_process", credentialProcess);
    return keys;
  }

  private static void putIfSet(Map<String, String> keys, String key, String value) {
    if (value != null) {
      keys.put(key, value);
    }
  }

  private static void require(String name, String value, Pattern pattern, String expected) {
    if (value == null || value.isBlank()) {
      throw SetupException.usage(
          "missing " + name + " (" + expected + "): pass it, or use --from ONBOARDING.json");
    }
    optional(name, value, pattern, expected);
  }

  private static void optional(String name, String value, Pattern pattern, String expected) {
    if (value != null && !pattern.matcher(value).matches()) {
      // Never echo a secret back, even a malformed one.
      String shown = name.contains("secret") ? "the given value" : "'" + value + "'";
      throw SetupException.usage(name + ": " + shown + " is not valid, expected " + expected);
    }
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null) {
        throw SetupException.usage(
            "--endpoint-url must be an http(s) URL with a host, not '" + url + "'");
      }
    } catch (java.net.URISyntaxException e) {
      throw SetupException.usage("--endpoint-url is not a URL: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ProfileSettings[profile="
        + profile
        + ", region="
        + region
        + ", userPoolId="
        + userPoolId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "(hidden)")
        + "]";
  }
}

package dev.cognitocreds.e2e.harness;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile of the AWS config file with the product's {@code cognito_*} keys (design.md,
 * "Configuration").
 */
public record CognitoProfile(String name, Map<String, String> keys) {

  public static CognitoProfile of(
      String name,
      String region,
      String userPoolId,
      String clientId,
      String identityPoolId,
      URI endpointUrl) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("region", region);
    keys.put("cognito_user_pool_id", userPoolId);
    keys.put("cognito_client_id", clientId);
    keys.put("cognito_identity_pool_id", identityPoolId);
    keys.put("cognito_endpoint_url", endpointUrl.toString());
    return new CognitoProfile(name, keys);
  }

  public CognitoProfile with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(keys);
    copy.put(key, value);
    return new CognitoProfile(name, copy);
  }

  public CognitoProfile withCredentialProcess() {
    return with(
        "credential_process", Distribution.client() + " credential-process --profile " + name);
  }

  public String toIni() {
    StringBuilder ini =
        new StringBuilder(name.equals("default") ? "[default]\n" : "[profile " + name + "]\n");
    keys.forEach((key, value) -> ini.append(key).append(" = ").append(value).append('\n'));
    return ini.append('\n').toString();
  }

  public static String toIni(CognitoProfile... profiles) {
    StringBuilder ini = new StringBuilder();
    for (CognitoProfile profile : profiles) {
      ini.append(profile.toIni());
    }
    return ini.toString();
  }
}

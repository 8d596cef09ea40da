package dev.cognitocreds.localcognito.identitypool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An identity pool: providers, default roles and role mappings, in Cognito Identity's own JSON
 * shapes.
 */
final class IdentityPool {
  final String id;
  final String name;
  final boolean allowUnauthenticated;

  /**
   * Null when the pool was created without it: Cognito then lets the classic flow run (only an
   * explicit false stops it), and DescribeIdentityPool leaves the member out.
   */
  final Boolean allowClassicFlow;

  /** ProviderName → the provider entry as given (ProviderName, ClientId, ServerSideTokenCheck). */
  final Map<String, JsonNode> providers = new LinkedHashMap<>();

  Map<String, String> roles = new LinkedHashMap<>();

  /** "ProviderName:ClientId" → RoleMapping as given. */
  JsonNode roleMappings = Json.object();

  IdentityPool(String id, JsonNode request) {
    this.id = id;
    this.name = Json.required(request, "IdentityPoolName");
    this.allowUnauthenticated = request.path("AllowUnauthenticatedIdentities").asBoolean(false);
    this.allowClassicFlow =
        request.hasNonNull("AllowClassicFlow") ? request.get("AllowClassicFlow").asBoolean() : null;
    for (JsonNode provider : request.path("CognitoIdentityProviders")) {
      providers.put(provider.path("ProviderName").asText(), provider);
    }
    for (String arn : Json.stringList(request, "OpenIdConnectProviderARNs")) {
      // arn:aws:iam::<account>:oidc-provider/<issuer host and path>: the Logins key
      String name = arn.substring(arn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
      providers.put(
          name, Json.object().put("ProviderName", name).put("OpenIdConnectProviderARN", arn));
    }
  }

  ObjectNode toJson() {
    ObjectNode node =
        Json.object()
            .put("IdentityPoolId", id)
            .put("IdentityPoolName", name)
            .put("AllowUnauthenticatedIdentities", allowUnauthenticated);
    if (allowClassicFlow != null) {
      node.put("AllowClassicFlow", allowClassicFlow);
    }
    providers.values().stream()
        .filter(provider -> !provider.has("OpenIdConnectProviderARN"))
        .forEach(node.putArray("CognitoIdentityProviders")::add);
    providers.values().stream()
        .filter(provider -> provider.has("OpenIdConnectProviderARN"))
        .forEach(
            provider ->
                node.withArray("OpenIdConnectProviderARNs")
                    .add(provider.path("OpenIdConnectProviderARN").asText()));
    return node;
  }

  /** Whether {@code key} ("providerName:clientId") names one of the pool's user pool clients. */
  boolean trustsUserPoolClient(String key) {
    int colon = key.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    JsonNode provider = providers.get(key.substring(0, colon));
    return provider != null && provider.path("ClientId").asText().equals(key.substring(colon + 1));
  }

  ObjectNode rolesJson() {
    ObjectNode node = Json.object().put("IdentityPoolId", id);
    node.set("Roles", Json.stringMapNode(roles));
    if (roleMappings.size() > 0) {
      node.set("RoleMappings", roleMappings);
    }
    return node;
  }
}

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

  /** ProviderName → the provider entry as given (ProviderName, ClientId, ServerSideTokenCheck). */
  final Map<String, JsonNode> providers = new LinkedHashMap<>();

  Map<String, String> roles = new LinkedHashMap<>();

  /** "ProviderName:ClientId" → RoleMapping as given. */
  JsonNode roleMappings = Json.object();

  IdentityPool(String id, JsonNode request) {
    this.id = id;
    this.name = Json.required(request, "IdentityPoolName");
    this.allowUnauthenticated = request.path("AllowUnauthenticatedIdentities").asBoolean(false);
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

  ObjectNode rolesJson() {
    ObjectNode node = Json.object().put("IdentityPoolId", id);
    node.set("Roles", Json.stringMapNode(roles));
    if (roleMappings.size() > 0) {
      node.set("RoleMappings", roleMappings);
    }
    return node;
  }
}

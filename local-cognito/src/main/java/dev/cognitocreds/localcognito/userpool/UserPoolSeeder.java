package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.util.Locale;
import java.util.Map;

/**
 * Creates pools, clients, groups and users from a seed, through the same code as the provisioning
 * API, plus the few things the API cannot set (fixed ids and secrets, user status, MFA enrolment).
 */
final class UserPoolSeeder {
  private final UserPools pools;
  private final Provisioning provisioning;

  UserPoolSeeder(UserPools pools, Provisioning provisioning) {
    this.pools = pools;
    this.provisioning = provisioning;
  }

  void seed(JsonNode userPools) {
    for (JsonNode poolNode : userPools) {
      UserPool pool = provisioning.createPool(poolNode, Json.optional(poolNode, "Id").orElse(null));
      for (JsonNode clientNode : poolNode.path("Clients")) {
        provisioning.createClient(
            withPool(clientNode, pool),
            Json.optional(clientNode, "ClientId").orElse(null),
            Json.optional(clientNode, "ClientSecret").orElse(null));
      }
      Json.optional(poolNode, "Domain").ifPresent(domain -> pool.domain = domain);
      for (JsonNode providerNode : poolNode.path("IdentityProviders")) {
        HostedUiProvisioning.createIdentityProvider(pools, withPool(providerNode, pool));
      }
      for (JsonNode groupNode : poolNode.path("Groups")) {
        provisioning.createGroup(withPool(groupNode, pool));
      }
      for (JsonNode userNode : poolNode.path("Users")) {
        seedUser(pool, userNode);
      }
    }
  }

  private void seedUser(UserPool pool, JsonNode node) {
    User user = pool.newUser(Json.required(node, "Username"), pools.now());
    Map<String, String> attributes = Json.stringMap(node, "Attributes");
    pool.checkAttributes(attributes);
    user.attributes.putAll(attributes);
    String temporary = Json.optional(node, "TemporaryPassword").orElse(null);
    String password = Json.optional(node, "Password").orElse(temporary);
    if (password != null) {
      user.password = PasswordVerifier.create(pool.id, user.username, password, pools.random());
    }
    user.status =
        UserStatus.valueOf(
            Json.optional(node, "Status")
                .orElse(temporary != null ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED")
                .toUpperCase(Locale.ROOT));
    user.enabled = node.path("Enabled").asBoolean(true);
    for (String group : Json.stringList(node, "Groups")) {
      if (!pool.groups.containsKey(group)) {
        throw CognitoException.invalidParameter(
            "Seed user " + user.username + ": unknown group " + group);
      }
      user.groups.add(group);
    }
    Json.stringList(node, "MfaEnabled").forEach(type -> user.mfaEnabled.add(MfaType.valueOf(type)));
    Json.optional(node, "PreferredMfa")
        .ifPresent(type -> user.preferredMfa = MfaType.valueOf(type));
    Json.optional(node, "TotpSecret").ifPresent(secret -> user.totpSecret = secret);
  }

  private static JsonNode withPool(JsonNode node, UserPool pool) {
    return ((ObjectNode) node.deepCopy()).put("UserPoolId", pool.id);
  }
}

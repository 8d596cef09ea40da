package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The calls that give a pool a hosted UI: its domain (CreateUserPoolDomain, a prefix: custom
 * domains with certificates are left out) and its federated identity providers
 * (CreateIdentityProvider of type OIDC).
 */
final class HostedUiProvisioning {
  private static final Pattern DOMAIN_PREFIX =
      Pattern.compile("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");

  private final UserPools pools;

  HostedUiProvisioning(UserPools pools) {
    this.pools = pools;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateUserPoolDomain", this::createDomain);
    operations.put("DescribeUserPoolDomain", this::describeDomain);
    operations.put("DeleteUserPoolDomain", this::deleteDomain);
    operations.put("CreateIdentityProvider", r -> createIdentityProvider(pools, r));
    operations.put("DescribeIdentityProvider", this::describeIdentityProvider);
  }

  private JsonNode createDomain(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    String domain = Json.required(request, "Domain");
    if (!DOMAIN_PREFIX.matcher(domain).matches() || domain.contains("cognito")) {
      throw CognitoException.invalidParameter("Invalid domain: " + domain);
    }
    if (pool.domain != null) {
      throw CognitoException.invalidParameter("User pool already has a domain configured.");
    }
    if (poolOfDomain(domain) != null) {
      throw CognitoException.invalidParameter("Domain already associated with another user pool.");
    }
    pool.domain = domain;
    return Json.object();
  }

  private JsonNode describeDomain(JsonNode request) {
    String domain = Json.required(request, "Domain");
    UserPool pool = poolOfDomain(domain);
    ObjectNode response = Json.object();
    ObjectNode description = response.putObject("DomainDescription");
    if (pool != null) {
      description
          .put("UserPoolId", pool.id)
          .put("AWSAccountId", pool.accountId)
          .put("Domain", domain)
          .put("Status", "ACTIVE")
          .put("Version", "1");
    }
    return response;
  }

  private JsonNode deleteDomain(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    String domain = Json.required(request, "Domain");
    if (!domain.equals(pool.domain)) {
      throw CognitoException.invalidParameter("No such domain or user pool exists.");
    }
    pool.domain = null;
    return Json.object();
  }

  static JsonNode createIdentityProvider(UserPools pools, JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    String name = Json.required(request, "ProviderName");
    String type = Json.required(request, "ProviderType");
    if (!"OIDC".equals(type)) {
      throw CognitoException.invalidParameter(
          "ProviderType " + type + " is not supported by local-cognito (only OIDC).");
    }
    if (pool.identityProviders.containsKey(name)) {
      throw new CognitoException(
          "DuplicateProviderException", "A provider with the name " + name + " already exists.");
    }
    Map<String, String> details = Json.stringMap(request, "ProviderDetails");
    for (String required : new String[] {"client_id", "oidc_issuer", "authorize_scopes"}) {
      if (!details.containsKey(required)) {
        throw CognitoException.invalidParameter("ProviderDetails needs " + required + ".");
      }
    }
    ObjectNode provider =
        Json.object()
            .put("UserPoolId", pool.id)
            .put("ProviderName", name)
            .put("ProviderType", type)
            .put("LastModifiedDate", pools.now().getEpochSecond())
            .put("CreationDate", pools.now().getEpochSecond());
    provider.set("ProviderDetails", Json.stringMapNode(details));
    provider.set(
        "AttributeMapping", Json.stringMapNode(Json.stringMap(request, "AttributeMapping")));
    pool.identityProviders.put(name, provider);
    return wrap(provider);
  }

  private JsonNode describeIdentityProvider(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    JsonNode provider = pool.identityProviders.get(Json.required(request, "ProviderName"));
    if (provider == null) {
      throw CognitoException.resourceNotFound("Identity provider does not exist.");
    }
    return wrap(provider);
  }

  UserPool poolOfDomain(String domain) {
    return pools.pools.values().stream()
        .filter(pool -> domain.equals(pool.domain))
        .findFirst()
        .orElse(null);
  }

  private static ObjectNode wrap(JsonNode provider) {
    ObjectNode response = Json.object();
    response.set("IdentityProvider", provider.deepCopy());
    return response;
  }
}

package dev.cognitocreds.localcognito.identitypool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import dev.cognitocreds.localcognito.sigv4.SigningCredential;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The identity pool side ({@code AWSCognitoIdentityService.*}). */
public final class IdentityPoolService {
  private static final String LOGINS_DO_NOT_MATCH =
      "Logins don't match. Please include at least one valid login for this identity or identity pool.";

  private final Map<String, IdentityPool> pools = new LinkedHashMap<>();
  private final Map<String, Identity> identities = new LinkedHashMap<>();
  private final Map<String, String> identityByLogin = new LinkedHashMap<>();
  private final Map<String, Operation> operations = new TreeMap<>();
  private final LoginValidator validator;
  private final RoleResolver roles = new RoleResolver();
  private final CredentialIssuer credentials;
  private final OpenIdTokens openIdTokens;
  private final String region;

  public IdentityPoolService(
      Clock clock, TokenIssuers issuers, String region, Duration credentialLifetime) {
    this.validator = new LoginValidator(issuers, clock);
    this.credentials = new CredentialIssuer(clock, credentialLifetime);
    this.openIdTokens = new OpenIdTokens(clock);
    this.region = region;
    operations.put("CreateIdentityPool", r -> create(r, null).toJson());
    operations.put("DescribeIdentityPool", r -> pool(Json.required(r, "IdentityPoolId")).toJson());
    operations.put("SetIdentityPoolRoles", this::setRoles);
    operations.put(
        "GetIdentityPoolRoles", r -> pool(Json.required(r, "IdentityPoolId")).rolesJson());
    operations.put("GetId", this::getId);
    operations.put("GetCredentialsForIdentity", this::getCredentialsForIdentity);
    operations.put("GetOpenIdToken", this::getOpenIdToken);
  }

  public Map<String, Operation> operations() {
    return Map.copyOf(operations);
  }

  public List<IssuedCredentials> issuedCredentials() {
    return credentials.issued();
  }

  public Optional<IssuedCredentials> issuedCredentials(String accessKeyId) {
    return credentials.issued(accessKeyId);
  }

  /** The secret parts of credentials this pool issued, for services that check signatures. */
  public Optional<SigningCredential> signingCredential(String accessKeyId) {
    return credentials.signingCredential(accessKeyId);
  }

  /**
   * Loads the {@code identityPools} array of a seed: CreateIdentityPool members plus
   * Roles/RoleMappings.
   */
  public void seed(JsonNode identityPools) {
    for (JsonNode node : identityPools) {
      IdentityPool pool = create(node, Json.optional(node, "IdentityPoolId").orElse(null));
      applyRoles(pool, node);
    }
  }

  private IdentityPool create(JsonNode request, String id) {
    String poolId = id != null ? id : region + ":" + UUID.randomUUID();
    IdentityPool pool = new IdentityPool(poolId, request);
    pools.put(poolId, pool);
    return pool;
  }

  private JsonNode setRoles(JsonNode request) {
    applyRoles(pool(Json.required(request, "IdentityPoolId")), request);
    return Json.object();
  }

  private static void applyRoles(IdentityPool pool, JsonNode request) {
    pool.roles = Json.stringMap(request, "Roles");
    pool.roleMappings =
        request.hasNonNull("RoleMappings") ? request.get("RoleMappings").deepCopy() : Json.object();
  }

  private JsonNode getId(JsonNode request) {
    IdentityPool pool = pool(Json.required(request, "IdentityPoolId"));
    List<VerifiedLogin> logins = validator.validate(pool, Json.stringMap(request, "Logins"));
    String identityId;
    if (logins.isEmpty()) {
      requireUnauthenticatedAllowed(pool);
      identityId = newIdentity(pool, null);
    } else {
      String key = pool.id + "#" + logins.get(0).key();
      identityId =
          identityByLogin.computeIfAbsent(key, k -> newIdentity(pool, logins.get(0).key()));
    }
    return Json.object().put("IdentityId", identityId);
  }

  private JsonNode getCredentialsForIdentity(JsonNode request) {
    Identity identity = identity(Json.required(request, "IdentityId"));
    IdentityPool pool = pool(identity.poolId());
    List<VerifiedLogin> logins = validator.validate(pool, Json.stringMap(request, "Logins"));
    String role;
    if (identity.login() == null) {
      if (!logins.isEmpty()) {
        throw CognitoException.notAuthorized(LOGINS_DO_NOT_MATCH);
      }
      requireUnauthenticatedAllowed(pool);
      role = roles.unauthenticatedRole(pool);
    } else if (logins.isEmpty()) {
      throw CognitoException.notAuthorized(
          "Access to Identity '" + identity.id() + "' is forbidden.");
    } else {
      VerifiedLogin login =
          logins.stream()
              .filter(l -> l.key().equals(identity.login()))
              .findFirst()
              .orElseThrow(() -> CognitoException.notAuthorized(LOGINS_DO_NOT_MATCH));
      role =
          roles.authenticatedRole(
              pool, login, Json.optional(request, "CustomRoleArn").orElse(null));
    }
    ObjectNode response = Json.object().put("IdentityId", identity.id());
    response.set("Credentials", credentials.issue(identity.id(), role));
    return response;
  }

  private JsonNode getOpenIdToken(JsonNode request) {
    Identity identity = identity(Json.required(request, "IdentityId"));
    IdentityPool pool = pool(identity.poolId());
    List<VerifiedLogin> logins = validator.validate(pool, Json.stringMap(request, "Logins"));
    if (identity.login() != null
        && logins.stream().noneMatch(l -> l.key().equals(identity.login()))) {
      throw CognitoException.notAuthorized(LOGINS_DO_NOT_MATCH);
    }
    return Json.object()
        .put("IdentityId", identity.id())
        .put("Token", openIdTokens.issue(identity, logins.isEmpty() ? null : logins.get(0)));
  }

  private String newIdentity(IdentityPool pool, String login) {
    String id = region + ":" + UUID.randomUUID();
    identities.put(id, new Identity(id, pool.id, login));
    return id;
  }

  private Identity identity(String id) {
    Identity identity = identities.get(id);
    if (identity == null) {
      throw CognitoException.resourceNotFound("IdentityId '" + id + "' not found.");
    }
    return identity;
  }

  private IdentityPool pool(String id) {
    IdentityPool pool = pools.get(id);
    if (pool == null) {
      throw CognitoException.resourceNotFound("IdentityPool '" + id + "' not found.");
    }
    return pool;
  }

  private static void requireUnauthenticatedAllowed(IdentityPool pool) {
    if (!pool.allowUnauthenticated) {
      throw CognitoException.notAuthorized(
          "Unauthenticated access is not supported for this identity pool.");
    }
  }
}

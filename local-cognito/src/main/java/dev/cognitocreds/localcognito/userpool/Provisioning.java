package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The calls a publisher's tooling makes to set a pool up, and the Admin* calls used for seeding.
 */
final class Provisioning {
  private final UserPools pools;
  private final String region;

  Provisioning(UserPools pools, String region) {
    this.pools = pools;
    this.region = region;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateUserPool", r -> wrap("UserPool", createPool(r, null).toJson()));
    operations.put(
        "DescribeUserPool",
        r -> wrap("UserPool", pools.pool(Json.required(r, "UserPoolId")).toJson()));
    operations.put("SetUserPoolMfaConfig", this::setMfaConfig);
    operations.put(
        "GetUserPoolMfaConfig", r -> pools.pool(Json.required(r, "UserPoolId")).mfaConfigJson());
    operations.put(
        "CreateUserPoolClient", r -> wrap("UserPoolClient", createClient(r, null, null).toJson()));
    operations.put(
        "DescribeUserPoolClient",
        r ->
            wrap(
                "UserPoolClient",
                pools
                    .pool(Json.required(r, "UserPoolId"))
                    .client(Json.required(r, "ClientId"))
                    .toJson()));
    operations.put("UpdateUserPoolClient", r -> wrap("UserPoolClient", updateClient(r).toJson()));
    operations.put("CreateGroup", r -> wrap("Group", createGroup(r).toJson()));
    operations.put("AdminCreateUser", r -> wrap("User", adminCreateUser(r).toJson()));
    operations.put("AdminGetUser", this::adminGetUser);
    operations.put("AdminSetUserPassword", this::adminSetUserPassword);
    operations.put("AdminDisableUser", r -> setEnabled(r, false));
    operations.put("AdminEnableUser", r -> setEnabled(r, true));
    operations.put("AdminDeleteUser", this::adminDeleteUser);
    operations.put("AdminUserGlobalSignOut", this::adminGlobalSignOut);
    operations.put("AdminUpdateUserAttributes", this::adminUpdateUserAttributes);
    operations.put("ListUsers", this::listUsers);
    operations.put("AdminAddUserToGroup", this::adminAddUserToGroup);
    operations.put("AdminConfirmSignUp", this::adminConfirmSignUp);
  }

  /** {@code id} is given by seeds (fixed ids); the API generates one. */
  UserPool createPool(JsonNode request, String id) {
    String poolId = id != null ? id : UserPool.newPoolId(region, pools.random());
    if (pools.pools.containsKey(poolId)) {
      throw CognitoException.invalidParameter("User pool " + poolId + " already exists.");
    }
    UserPool pool = new UserPool(poolId, pools.accountId(), request, pools.now());
    pools.pools.put(poolId, pool);
    return pool;
  }

  AppClient createClient(JsonNode request, String id, String secret) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    String clientId = id != null ? id : randomClientId();
    String clientSecret =
        secret != null
            ? secret
            : request.path("GenerateSecret").asBoolean(false) ? randomSecret() : null;
    AppClient client = new AppClient(pool.id, clientId, clientSecret, request, pools.now());
    pool.clients.put(clientId, client);
    return client;
  }

  /**
   * As at Cognito, the request is the client's whole new configuration: a setting it leaves out
   * returns to its default. The id, the secret and the creation date stay; so does the name when
   * the request gives none.
   */
  private AppClient updateClient(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    AppClient current = pool.client(Json.required(request, "ClientId"));
    ObjectNode settings = request.deepCopy();
    if (!settings.hasNonNull("ClientName")) {
      settings.put("ClientName", current.name);
    }
    AppClient updated =
        new AppClient(pool.id, current.clientId, current.secret, settings, current.created);
    pool.clients.put(current.clientId, updated);
    return updated;
  }

  Group createGroup(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    String name = Json.required(request, "GroupName");
    if (pool.groups.containsKey(name)) {
      throw new CognitoException(
          "GroupExistsException", "A group with the name " + name + " already exists.");
    }
    Integer precedence =
        request.hasNonNull("Precedence") ? request.get("Precedence").asInt() : null;
    Group group =
        new Group(
            pool.id,
            name,
            Json.optional(request, "Description").orElse(null),
            Json.optional(request, "RoleArn").orElse(null),
            precedence,
            pools.now());
    pool.groups.put(name, group);
    return group;
  }

  User adminCreateUser(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    Map<String, String> attributes = attributeList(request, "UserAttributes");
    pool.checkAttributes(attributes);
    User user = pool.newUser(Json.required(request, "Username"), pools.now());
    user.attributes.putAll(attributes);
    String temporary =
        Json.optional(request, "TemporaryPassword")
            .orElseGet(() -> randomTemporaryPassword(pool.passwordPolicy.minimumLength()));
    pool.passwordPolicy.check(temporary);
    user.password = PasswordVerifier.create(pool.id, user.username, temporary, pools.random());
    user.status = UserStatus.FORCE_CHANGE_PASSWORD;
    return user;
  }

  private JsonNode adminGetUser(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    ObjectNode node = user.toJson();
    node.set("UserAttributes", node.remove("Attributes"));
    user.mfaEnabled.forEach(t -> node.withArray("UserMFASettingList").add(t.name()));
    if (user.preferredMfa != null) {
      node.put("PreferredMfaSetting", user.preferredMfa.name());
    }
    return node;
  }

  private JsonNode adminSetUserPassword(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    String password = Json.required(request, "Password");
    pool.passwordPolicy.check(password);
    user.password = PasswordVerifier.create(pool.id, user.username, password, pools.random());
    user.status =
        request.path("Permanent").asBoolean(false)
            ? UserStatus.CONFIRMED
            : UserStatus.FORCE_CHANGE_PASSWORD;
    user.modified = pools.now();
    return Json.object();
  }

  private JsonNode setEnabled(JsonNode request, boolean enabled) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    pools.user(pool, Json.required(request, "Username")).enabled = enabled;
    return Json.object();
  }

  private JsonNode adminDeleteUser(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    pools.signIns().revokeAll(pool.id, user.username);
    pool.users.remove(user.username);
    return Json.object();
  }

  private JsonNode adminGlobalSignOut(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    pools.signIns().revokeAll(pool.id, user.username);
    return Json.object();
  }

  private JsonNode adminUpdateUserAttributes(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    Map<String, String> attributes = attributeList(request, "UserAttributes");
    pool.checkAttributes(attributes);
    if (attributes.containsKey("sub")) {
      throw CognitoException.invalidParameter("Cannot modify an immutable attribute: sub");
    }
    user.attributes.putAll(attributes);
    user.modified = pools.now();
    return Json.object();
  }

  /**
   * ListUsers with Cognito's paging (Limit up to 60, PaginationToken) and its filter forms {@code
   * name = "value"} and {@code name ^= "prefix"}.
   */
  private JsonNode listUsers(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    int limit = request.path("Limit").asInt(60);
    if (limit < 0 || limit > 60) {
      throw CognitoException.invalidParameter(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
    }
    java.util.function.Predicate<User> filter = filter(Json.optional(request, "Filter").orElse(""));
    java.util.List<User> matching = pool.users.values().stream().filter(filter).toList();
    int start = 0;
    var token = Json.optional(request, "PaginationToken");
    if (token.isPresent()) {
      try {
        start = Integer.parseInt(token.get());
      } catch (NumberFormatException e) {
        throw CognitoException.invalidParameter("Invalid pagination token.");
      }
    }
    int end = Math.min(matching.size(), start + (limit == 0 ? 60 : limit));
    ObjectNode response = Json.object();
    var list = response.putArray("Users");
    for (User user : matching.subList(Math.min(start, matching.size()), end)) {
      list.add(user.toJson());
    }
    if (end < matching.size()) {
      response.put("PaginationToken", Integer.toString(end));
    }
    return response;
  }

  private static java.util.function.Predicate<User> filter(String filter) {
    if (filter.isBlank()) {
      return u -> true;
    }
    var matcher =
        java.util.regex.Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"([^\"]*)\"\\s*")
            .matcher(filter);
    if (!matcher.matches()) {
      throw CognitoException.invalidParameter("Error while parsing filter.");
    }
    String name = matcher.group(1);
    boolean prefix = matcher.group(2).equals("^=");
    String value = matcher.group(3);
    return u -> {
      String actual =
          switch (name) {
            case "username" -> u.username;
            case "cognito:user_status" -> u.status.name();
            default -> u.attributes.get(name);
          };
      return actual != null && (prefix ? actual.startsWith(value) : actual.equals(value));
    };
  }

  private JsonNode adminAddUserToGroup(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    String group = Json.required(request, "GroupName");
    if (!pool.groups.containsKey(group)) {
      throw CognitoException.resourceNotFound("Group not found.");
    }
    user.groups.add(group);
    return Json.object();
  }

  private JsonNode adminConfirmSignUp(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    User user = pools.user(pool, Json.required(request, "Username"));
    if (user.status != UserStatus.UNCONFIRMED) {
      throw CognitoException.notAuthorized(
          "User cannot be confirmed. Current status is " + user.status);
    }
    user.status = UserStatus.CONFIRMED;
    return Json.object();
  }

  private JsonNode setMfaConfig(JsonNode request) {
    UserPool pool = pools.pool(Json.required(request, "UserPoolId"));
    pool.configureMfa(request);
    return pool.mfaConfigJson();
  }

  static Map<String, String> attributeList(JsonNode request, String member) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonNode attribute : request.path(member)) {
      attributes.put(attribute.path("Name").asText(), attribute.path("Value").asText());
    }
    return attributes;
  }

  private static ObjectNode wrap(String member, ObjectNode value) {
    ObjectNode node = Json.object();
    node.set(member, value);
    return node;
  }

  private String randomClientId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 26; i++) {
      id.append(alphabet.charAt(pools.random().nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private String randomSecret() {
    byte[] bytes = new byte[38];
    pools.random().nextBytes(bytes);
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(bytes)
        .replace('+', 'a')
        .replace('/', 'b')
        .substring(0, 51)
        .toLowerCase(Locale.ROOT);
  }

  /** As Cognito's own: long enough and with every kind of character a policy may require. */
  private String randomTemporaryPassword(int minimumLength) {
    StringBuilder password = new StringBuilder("Tmp!aA");
    while (password.length() < Math.max(minimumLength, 12)) {
      password.append(pools.random().nextInt(10));
    }
    return password.toString();
  }
}

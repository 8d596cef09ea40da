package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A user pool: its settings (from CreateUserPool / SetUserPoolMfaConfig), users, groups, clients
 * and key.
 */
final class UserPool {
  private static final Set<String> STANDARD_ATTRIBUTES =
      Set.of(
          "sub",
          "name",
          "given_name",
          "family_name",
          "middle_name",
          "nickname",
          "preferred_username",
          "profile",
          "picture",
          "website",
          "email",
          "email_verified",
          "gender",
          "birthdate",
          "zoneinfo",
          "locale",
          "phone_number",
          "phone_number_verified",
          "address",
          "updated_at");

  final String id;
  final String name;
  final String region;
  final String accountId;
  final Instant created;
  final PasswordPolicy passwordPolicy;
  final Set<String> requiredAttributes = new LinkedHashSet<>();
  final Set<String> customAttributes = new LinkedHashSet<>();
  final List<String> autoVerified;
  final List<String> usernameAttributes;
  final EnumSet<MfaType> mfaFactors = EnumSet.noneOf(MfaType.class);
  String mfaConfiguration;
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, AppClient> clients = new LinkedHashMap<>();
  final RSAKey signingKey;

  /** The hosted UI's domain prefix (CreateUserPoolDomain), null without one. */
  String domain;

  /** Federated identity providers (CreateIdentityProvider) by ProviderName. */
  final Map<String, JsonNode> identityProviders = new LinkedHashMap<>();

  UserPool(String id, String accountId, JsonNode request, Instant created) {
    this.id = id;
    this.region = id.substring(0, id.indexOf('_'));
    this.accountId = accountId;
    this.created = created;
    this.name = Json.required(request, "PoolName");
    this.passwordPolicy = PasswordPolicy.from(request.get("Policies"));
    this.autoVerified = Json.stringList(request, "AutoVerifiedAttributes");
    this.usernameAttributes = Json.stringList(request, "UsernameAttributes");
    for (JsonNode attribute : request.path("Schema")) {
      String attributeName = attribute.path("Name").asText();
      String qualified =
          STANDARD_ATTRIBUTES.contains(attributeName) || attributeName.startsWith("custom:")
              ? attributeName
              : "custom:" + attributeName;
      if (qualified.startsWith("custom:")) {
        customAttributes.add(qualified);
      } else if (attribute.path("Required").asBoolean(false)) {
        requiredAttributes.add(qualified);
      }
    }
    configureMfa(request);
    this.signingKey = newKey();
  }

  void configureMfa(JsonNode request) {
    mfaConfiguration =
        request
            .path("MfaConfiguration")
            .asText(mfaConfiguration == null ? "OFF" : mfaConfiguration);
    if (request.has("SmsMfaConfiguration") || request.has("SmsConfiguration")) {
      mfaFactors.add(MfaType.SMS_MFA);
    }
    if (request.has("SoftwareTokenMfaConfiguration")) {
      toggle(
          MfaType.SOFTWARE_TOKEN_MFA,
          request.path("SoftwareTokenMfaConfiguration").path("Enabled").asBoolean());
    }
    if (request.has("EmailMfaConfiguration")) {
      mfaFactors.add(MfaType.EMAIL_OTP);
    }
    if (!List.of("OFF", "ON", "OPTIONAL").contains(mfaConfiguration)) {
      throw CognitoException.invalidParameter("Invalid MfaConfiguration: " + mfaConfiguration);
    }
  }

  String issuer() {
    return "https://cognito-idp." + region + ".amazonaws.com/" + id;
  }

  String arn() {
    return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + id;
  }

  AppClient client(String clientId) {
    AppClient client = clients.get(clientId);
    if (client == null) {
      throw CognitoException.resourceNotFound("User pool client " + clientId + " does not exist.");
    }
    return client;
  }

  /** Finds a user by username, or by e-mail/phone when the pool signs in with those. */
  Optional<User> findUser(String login) {
    User direct = users.get(login);
    if (direct != null) {
      return Optional.of(direct);
    }
    return users.values().stream()
        .filter(
            u ->
                usernameAttributes.stream()
                    .anyMatch(a -> login.equalsIgnoreCase(u.attributes.get(a))))
        .findFirst();
  }

  User newUser(String login, Instant now) {
    String sub = UUID.randomUUID().toString();
    String username = usernameAttributes.isEmpty() ? login : sub;
    if (findUser(login).isPresent()) {
      throw new CognitoException(
          "UsernameExistsException",
          usernameAttributes.isEmpty()
              ? "User already exists"
              : "An account with the given email already exists.");
    }
    User user = new User(username, sub, now);
    if (!usernameAttributes.isEmpty()) {
      user.attributes.put(login.contains("@") ? "email" : "phone_number", login);
    }
    users.put(username, user);
    return user;
  }

  void checkAttributes(Map<String, String> attributes) {
    for (String attribute : attributes.keySet()) {
      if (!STANDARD_ATTRIBUTES.contains(attribute) && !customAttributes.contains(attribute)) {
        throw CognitoException.invalidParameter(
            "Attribute does not exist in the schema: " + attribute);
      }
    }
  }

  List<String> missingRequired(User user) {
    List<String> missing = new ArrayList<>();
    requiredAttributes.stream().filter(a -> !user.attributes.containsKey(a)).forEach(missing::add);
    return missing;
  }

  boolean mfaActive() {
    return !"OFF".equals(mfaConfiguration);
  }

  ObjectNode toJson() {
    ObjectNode node =
        Json.object()
            .put("Id", id)
            .put("Name", name)
            .put("Arn", arn())
            .put("Status", "Enabled")
            .put("CreationDate", created.getEpochSecond())
            .put("LastModifiedDate", created.getEpochSecond())
            .put("MfaConfiguration", mfaConfiguration)
            .put("EstimatedNumberOfUsers", users.size());
    node.set("Policies", passwordPolicy.toJson());
    ArrayNode schema = node.putArray("SchemaAttributes");
    schema
        .addObject()
        .put("Name", "sub")
        .put("AttributeDataType", "String")
        .put("Mutable", false)
        .put("Required", true);
    requiredAttributes.forEach(
        a ->
            schema
                .addObject()
                .put("Name", a)
                .put("AttributeDataType", "String")
                .put("Mutable", true)
                .put("Required", true));
    customAttributes.forEach(
        a ->
            schema
                .addObject()
                .put("Name", a)
                .put("AttributeDataType", "String")
                .put("Mutable", true)
                .put("Required", false));
    autoVerified.forEach(node.putArray("AutoVerifiedAttributes")::add);
    usernameAttributes.forEach(node.putArray("UsernameAttributes")::add);
    return node;
  }

  ObjectNode mfaConfigJson() {
    ObjectNode node = Json.object().put("MfaConfiguration", mfaConfiguration);
    node.putObject("SoftwareTokenMfaConfiguration")
        .put("Enabled", mfaFactors.contains(MfaType.SOFTWARE_TOKEN_MFA));
    if (mfaFactors.contains(MfaType.SMS_MFA)) {
      node.putObject("SmsMfaConfiguration");
    }
    if (mfaFactors.contains(MfaType.EMAIL_OTP)) {
      node.putObject("EmailMfaConfiguration");
    }
    return node;
  }

  static String newPoolId(String region, Random random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return region + "_" + suffix;
  }

  private void toggle(MfaType type, boolean on) {
    if (on) {
      mfaFactors.add(type);
    } else {
      mfaFactors.remove(type);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID(UUID.randomUUID().toString().toLowerCase(Locale.ROOT))
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}

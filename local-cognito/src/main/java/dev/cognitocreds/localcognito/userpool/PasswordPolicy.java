package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;

/** A pool's password policy, checked with Cognito's messages. */
record PasswordPolicy(
    int minimumLength,
    boolean requireUppercase,
    boolean requireLowercase,
    boolean requireNumbers,
    boolean requireSymbols) {
  private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

  static PasswordPolicy from(JsonNode policies) {
    JsonNode p = policies == null ? null : policies.get("PasswordPolicy");
    if (p == null) {
      return new PasswordPolicy(8, true, true, true, true);
    }
    return new PasswordPolicy(
        p.path("MinimumLength").asInt(8),
        p.path("RequireUppercase").asBoolean(false),
        p.path("RequireLowercase").asBoolean(false),
        p.path("RequireNumbers").asBoolean(false),
        p.path("RequireSymbols").asBoolean(false));
  }

  void check(String password) {
    if (password.length() < minimumLength) {
      throw invalid("Password not long enough");
    }
    if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
      throw invalid("Password must have lowercase characters");
    }
    if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
      throw invalid("Password must have uppercase characters");
    }
    if (requireNumbers && password.chars().noneMatch(Character::isDigit)) {
      throw invalid("Password must have numeric characters");
    }
    if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
      throw invalid("Password must have symbol characters");
    }
  }

  ObjectNode toJson() {
    ObjectNode policy = Json.object();
    policy
        .put("MinimumLength", minimumLength)
        .put("RequireUppercase", requireUppercase)
        .put("RequireLowercase", requireLowercase)
        .put("RequireNumbers", requireNumbers)
        .put("RequireSymbols", requireSymbols)
        .put("TemporaryPasswordValidityDays", 7);
    ObjectNode policies = Json.object();
    policies.set("PasswordPolicy", policy);
    return policies;
  }

  private static CognitoException invalid(String reason) {
    return new CognitoException(
        "InvalidPasswordException", "Password does not conform to policy: " + reason);
  }
}

package dev.cognitocreds.localcognito.identitypool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.localcognito.CognitoException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Picks the role for an authenticated identity as Cognito does: with a "Token" mapping, the
 * CustomRoleArn (if in {@code cognito:roles}), else {@code cognito:preferred_role}; with a "Rules"
 * mapping, the first matching rule; with no answer, the mapping's AmbiguousRoleResolution.
 */
final class RoleResolver {

  String authenticatedRole(IdentityPool pool, VerifiedLogin login, String customRoleArn) {
    JsonNode mapping = pool.roleMappings.get(login.providerName() + ":" + login.audience());
    if (mapping == null) {
      // an OIDC provider's mapping is keyed by its name alone
      mapping = pool.roleMappings.get(login.providerName());
    }
    if (mapping == null) {
      return defaultRole(pool, "authenticated");
    }
    Optional<String> role =
        switch (mapping.path("Type").asText()) {
          case "Token" -> fromToken(login, customRoleArn);
          case "Rules" -> fromRules(login, mapping.path("RulesConfiguration").path("Rules"));
          default -> Optional.empty();
        };
    if (role.isPresent()) {
      return role.get();
    }
    if ("Deny".equals(mapping.path("AmbiguousRoleResolution").asText())) {
      throw CognitoException.notAuthorized(
          "The ambiguous role mapping rules for: "
              + login.providerName()
              + " denied this request.");
    }
    return defaultRole(pool, "authenticated");
  }

  String unauthenticatedRole(IdentityPool pool) {
    return defaultRole(pool, "unauthenticated");
  }

  private static Optional<String> fromToken(VerifiedLogin login, String customRoleArn) {
    List<String> roles = stringList(login, "cognito:roles");
    if (customRoleArn != null) {
      if (!roles.contains(customRoleArn)) {
        throw CognitoException.invalidParameter(
            "CustomRoleArn "
                + customRoleArn
                + " is not one of the roles in the token (cognito:roles).");
      }
      return Optional.of(customRoleArn);
    }
    Object preferred = login.claims().getClaim("cognito:preferred_role");
    return Optional.ofNullable(preferred).map(Object::toString);
  }

  private static Optional<String> fromRules(VerifiedLogin login, JsonNode rules) {
    for (JsonNode rule : rules) {
      Object claim = login.claims().getClaim(rule.path("Claim").asText());
      if (claim != null
          && matches(
              rule.path("MatchType").asText(), claimText(claim), rule.path("Value").asText())) {
        return Optional.of(rule.path("RoleARN").asText());
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String matchType, String actual, String expected) {
    return switch (matchType) {
      case "Equals" -> actual.equals(expected);
      case "Contains" -> actual.contains(expected);
      case "StartsWith" -> actual.startsWith(expected);
      case "NotEqual" -> !actual.equals(expected);
      default -> false;
    };
  }

  private static String claimText(Object claim) {
    return claim instanceof List<?> list
        ? String.join(",", list.stream().map(Object::toString).toList())
        : claim.toString();
  }

  private static List<String> stringList(VerifiedLogin login, String claim) {
    try {
      List<String> values = login.claims().getStringListClaim(claim);
      return values == null ? List.of() : values;
    } catch (ParseException e) {
      return List.of();
    }
  }

  private static String defaultRole(IdentityPool pool, String kind) {
    String role = pool.roles.get(kind);
    if (role == null) {
      throw new CognitoException(
          "InvalidIdentityPoolConfigurationException",
          "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
    }
    return role;
  }
}

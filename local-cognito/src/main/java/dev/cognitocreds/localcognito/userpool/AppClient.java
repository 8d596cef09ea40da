package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An app client, configured with Cognito's own CreateUserPoolClient members. */
final class AppClient {
  final String poolId;
  final String clientId;
  final String name;
  final String secret;
  final Set<String> authFlows;
  final String accessUnit;
  final String idUnit;
  final String refreshUnit;
  private final Duration accessLifetime;
  private final Duration idLifetime;
  private final Duration refreshLifetime;
  final boolean preventUserExistenceErrors;
  final boolean tokenRevocation;
  final boolean rotation;
  final int rotationGraceSeconds;
  final int authSessionMinutes;
  final Instant created;
  final OAuthSettings oauth;

  AppClient(String poolId, String clientId, String secret, JsonNode request, Instant created) {
    this.poolId = poolId;
    this.clientId = clientId;
    this.secret = secret;
    this.created = created;
    this.name = Json.required(request, "ClientName");
    this.authFlows = flows(Json.stringList(request, "ExplicitAuthFlows"));
    JsonNode units = request.path("TokenValidityUnits");
    this.accessUnit = units.path("AccessToken").asText("hours");
    this.idUnit = units.path("IdToken").asText("hours");
    this.refreshUnit = units.path("RefreshToken").asText("days");
    // Cognito's defaults (1 h, 1 h, 30 days) do not depend on the unit chosen for a value that is
    // absent.
    this.accessLifetime = lifetime(request, "AccessToken", accessUnit, Duration.ofHours(1));
    this.idLifetime = lifetime(request, "IdToken", idUnit, Duration.ofHours(1));
    this.refreshLifetime = lifetime(request, "RefreshToken", refreshUnit, Duration.ofDays(30));
    this.preventUserExistenceErrors =
        "ENABLED".equals(request.path("PreventUserExistenceErrors").asText());
    this.tokenRevocation = request.path("EnableTokenRevocation").asBoolean(true);
    JsonNode rotationNode = request.path("RefreshTokenRotation");
    this.rotation = "ENABLED".equals(rotationNode.path("Feature").asText());
    this.rotationGraceSeconds = rotationNode.path("RetryGracePeriodSeconds").asInt(0);
    this.authSessionMinutes = request.path("AuthSessionValidity").asInt(3);
    this.oauth = OAuthSettings.from(request);
    if (rotationGraceSeconds < 0 || rotationGraceSeconds > 60) {
      throw CognitoException.invalidParameter("RetryGracePeriodSeconds must be between 0 and 60.");
    }
    if (authSessionMinutes < 3 || authSessionMinutes > 15) {
      throw CognitoException.invalidParameter(
          "AuthSessionValidity must be between 3 and 15 minutes.");
    }
  }

  Duration accessTokenLifetime() {
    return accessLifetime;
  }

  Duration idTokenLifetime() {
    return idLifetime;
  }

  Duration refreshTokenLifetime() {
    return refreshLifetime;
  }

  boolean allows(String flow) {
    return authFlows.contains("ALLOW_" + flow) || authFlows.contains(flow);
  }

  ObjectNode toJson() {
    ObjectNode node =
        Json.object().put("UserPoolId", poolId).put("ClientName", name).put("ClientId", clientId);
    if (secret != null) {
      node.put("ClientSecret", secret);
    }
    node.put("LastModifiedDate", created.getEpochSecond())
        .put("CreationDate", created.getEpochSecond())
        .put("RefreshTokenValidity", inUnit(refreshLifetime, refreshUnit))
        .put("AccessTokenValidity", inUnit(accessLifetime, accessUnit))
        .put("IdTokenValidity", inUnit(idLifetime, idUnit));
    node.putObject("TokenValidityUnits")
        .put("AccessToken", accessUnit)
        .put("IdToken", idUnit)
        .put("RefreshToken", refreshUnit);
    authFlows.forEach(node.putArray("ExplicitAuthFlows")::add);
    node.put("PreventUserExistenceErrors", preventUserExistenceErrors ? "ENABLED" : "LEGACY")
        .put("EnableTokenRevocation", tokenRevocation)
        .put("AuthSessionValidity", authSessionMinutes);
    node.putObject("RefreshTokenRotation")
        .put("Feature", rotation ? "ENABLED" : "DISABLED")
        .put("RetryGracePeriodSeconds", rotationGraceSeconds);
    oauth.addTo(node);
    return node;
  }

  private static Set<String> flows(List<String> requested) {
    if (requested.isEmpty()) {
      return new LinkedHashSet<>(
          List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"));
    }
    Set<String> flows = new LinkedHashSet<>();
    for (String flow : requested) {
      flows.add(flow.startsWith("ALLOW_") ? flow : "ALLOW_" + flow.replace("_ONLY", ""));
    }
    return flows;
  }

  private static Duration lifetime(JsonNode request, String token, String unit, Duration fallback) {
    if (!List.of("seconds", "minutes", "hours", "days").contains(unit)) {
      throw CognitoException.invalidParameter("Invalid TimeUnit for " + token + ": " + unit);
    }
    JsonNode value = request.get(token + "Validity");
    if (value == null || value.isNull()) {
      return fallback;
    }
    return switch (unit) {
      case "seconds" -> Duration.ofSeconds(value.asLong());
      case "minutes" -> Duration.ofMinutes(value.asLong());
      case "hours" -> Duration.ofHours(value.asLong());
      default -> Duration.ofDays(value.asLong());
    };
  }

  private static long inUnit(Duration lifetime, String unit) {
    return switch (unit) {
      case "seconds" -> lifetime.toSeconds();
      case "minutes" -> lifetime.toMinutes();
      case "hours" -> lifetime.toHours();
      default -> lifetime.toDays();
    };
  }
}

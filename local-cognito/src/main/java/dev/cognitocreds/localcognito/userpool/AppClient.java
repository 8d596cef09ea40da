package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An app client, configured with Cognito's own CreateUserPoolClient members. */
final class AppClient {
    final String poolId;
    final String clientId;
    final String name;
    final String secret;
    final Set<String> authFlows;
    final long accessValidity;
    final long idValidity;
    final long refreshValidity;
    final String accessUnit;
    final String idUnit;
    final String refreshUnit;
    final boolean preventUserExistenceErrors;
    final boolean tokenRevocation;
    final boolean rotation;
    final int rotationGraceSeconds;
    final int authSessionMinutes;
    final Instant created;

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
        this.accessValidity = request.path("AccessTokenValidity").asLong(1);
        this.idValidity = request.path("IdTokenValidity").asLong(1);
        this.refreshValidity = request.path("RefreshTokenValidity").asLong(30);
        this.preventUserExistenceErrors = "ENABLED".equals(request.path("PreventUserExistenceErrors").asText());
        this.tokenRevocation = request.path("EnableTokenRevocation").asBoolean(true);
        JsonNode rotationNode = request.path("RefreshTokenRotation");
        this.rotation = "ENABLED".equals(rotationNode.path("Feature").asText());
        this.rotationGraceSeconds = rotationNode.path("RetryGracePeriodSeconds").asInt(0);
        this.authSessionMinutes = request.path("AuthSessionValidity").asInt(3);
        validity("AccessToken", accessUnit);
        validity("IdToken", idUnit);
        validity("RefreshToken", refreshUnit);
    }

    Duration accessTokenLifetime() {
        return validity(accessValidity, accessUnit);
    }

    Duration idTokenLifetime() {
        return validity(idValidity, idUnit);
    }

    Duration refreshTokenLifetime() {
        return validity(refreshValidity, refreshUnit);
    }

    boolean allows(String flow) {
        return authFlows.contains("ALLOW_" + flow) || authFlows.contains(flow);
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object().put("UserPoolId", poolId).put("ClientName", name).put("ClientId", clientId);
        if (secret != null) {
            node.put("ClientSecret", secret);
        }
        node.put("LastModifiedDate", created.getEpochSecond()).put("CreationDate", created.getEpochSecond())
                .put("RefreshTokenValidity", refreshValidity).put("AccessTokenValidity", accessValidity)
                .put("IdTokenValidity", idValidity);
        node.putObject("TokenValidityUnits").put("AccessToken", accessUnit).put("IdToken", idUnit)
                .put("RefreshToken", refreshUnit);
        authFlows.forEach(node.putArray("ExplicitAuthFlows")::add);
        node.put("PreventUserExistenceErrors", preventUserExistenceErrors ? "ENABLED" : "LEGACY")
                .put("EnableTokenRevocation", tokenRevocation).put("AuthSessionValidity", authSessionMinutes);
        node.putObject("RefreshTokenRotation").put("Feature", rotation ? "ENABLED" : "DISABLED")
                .put("RetryGracePeriodSeconds", rotationGraceSeconds);
        return node;
    }

    private static Set<String> flows(List<String> requested) {
        if (requested.isEmpty()) {
            return new LinkedHashSet<>(List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"));
        }
        Set<String> flows = new LinkedHashSet<>();
        for (String flow : requested) {
            flows.add(flow.startsWith("ALLOW_") ? flow : "ALLOW_" + flow.replace("_ONLY", ""));
        }
        return flows;
    }

    private static void validity(String token, String unit) {
        if (!List.of("seconds", "minutes", "hours", "days").contains(unit)) {
            throw CognitoException.invalidParameter("Invalid TimeUnit for " + token + ": " + unit);
        }
    }

    private static Duration validity(long amount, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "seconds" -> Duration.ofSeconds(amount);
            case "minutes" -> Duration.ofMinutes(amount);
            case "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}

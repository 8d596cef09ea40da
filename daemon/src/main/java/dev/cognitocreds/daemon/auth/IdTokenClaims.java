package dev.cognitocreds.daemon.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The claims of a Cognito ID token the daemon needs. The signature is not checked: the token comes
 * straight from Cognito and is only ever handed back to Cognito, which checks it.
 */
public record IdTokenClaims(String sub, String username, Instant issuedAt, Instant expiresAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static IdTokenClaims parse(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the ID token from Cognito is not a JWT");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the ID token from Cognito cannot be read", e);
        }
        String sub = claims.path("sub").asText(null);
        long exp = claims.path("exp").asLong(0);
        if (sub == null || exp == 0) {
            throw new IllegalArgumentException("the ID token from Cognito has no sub or exp claim");
        }
        long iat = claims.path("iat").asLong(claims.path("auth_time").asLong(exp));
        return new IdTokenClaims(sub, claims.path("cognito:username").asText(sub), Instant.ofEpochSecond(iat),
                Instant.ofEpochSecond(exp));
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }
}

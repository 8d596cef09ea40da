package dev.cognitocreds.daemon.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;

/**
 * The claims of a token Cognito issued, read without checking its signature: the token comes straight
 * from Cognito and is only ever handed back to Cognito, which checks it.
 */
final class JwtPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtPayload() {
    }

    /** {@code what} names the token in the messages ("the ID token"); they never quote the token. */
    static JsonNode decode(String jwt, String what) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException(what + " from Cognito is not a JWT");
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " from Cognito cannot be read", e);
        }
    }
}

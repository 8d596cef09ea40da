package dev.cognitocreds.daemon.auth;

import java.util.Optional;

/**
 * The user-pool tokens of one sign-in or refresh. A refresh usually brings no new refresh token
 * (then it is empty and the old one stays valid).
 */
public record Tokens(String idToken, String accessToken, Optional<String> refreshToken, IdTokenClaims claims) {

    @Override
    public String toString() {
        return "Tokens[" + claims + "]";
    }
}

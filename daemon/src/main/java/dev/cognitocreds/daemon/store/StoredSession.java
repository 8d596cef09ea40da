package dev.cognitocreds.daemon.store;

import java.util.Optional;

/**
 * What a signed-in profile needs to survive a restart. {@code username} is the name Cognito
 * knows the user by (not an e-mail alias), which SECRET_HASH needs on refresh.
 */
public record StoredSession(
        String refreshToken,
        String username,
        String sub,
        Optional<String> identityId,
        String userPoolId,
        String clientId) {

    public StoredSession withIdentityId(String id) {
        return new StoredSession(refreshToken, username, sub, Optional.of(id), userPoolId, clientId);
    }

    public StoredSession withRefreshToken(String token) {
        return new StoredSession(token, username, sub, identityId, userPoolId, clientId);
    }

    @Override
    public String toString() {
        // never print the refresh token
        return "StoredSession[" + username + ", " + identityId.orElse("-") + "]";
    }
}

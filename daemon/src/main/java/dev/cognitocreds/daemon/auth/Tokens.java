package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.daemon.Failure;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.util.Optional;

/**
 * The user-pool tokens of one sign-in or refresh. A refresh usually brings no new refresh token
 * (then it is empty and the old one stays valid).
 */
public record Tokens(String idToken, String accessToken, Optional<String> refreshToken, IdTokenClaims claims) {

    /** The tokens of a Cognito answer; an unreadable ID token is an upstream error. */
    static Tokens from(AuthenticationResultType result) {
        try {
            return new Tokens(result.idToken(), result.accessToken(), Optional.ofNullable(result.refreshToken()),
                    IdTokenClaims.parse(result.idToken()));
        } catch (IllegalArgumentException e) {
            throw new Failure(Failure.Kind.UPSTREAM_ERROR, "UpstreamError", e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Tokens[" + claims + "]";
    }
}

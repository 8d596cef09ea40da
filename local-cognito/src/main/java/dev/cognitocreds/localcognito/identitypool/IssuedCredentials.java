package dev.cognitocreds.localcognito.identitypool;

import java.time.Instant;

/**
 * A record of credentials handed out (without the secret parts), so tests can see which role was
 * chosen.
 */
public record IssuedCredentials(
    String accessKeyId, String identityId, String roleArn, Instant expiration) {}

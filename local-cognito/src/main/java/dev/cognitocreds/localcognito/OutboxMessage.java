package dev.cognitocreds.localcognito;

import java.time.Instant;

/**
 * A code Cognito would have sent by SMS or e-mail. {@code purpose} is e.g. SMS_MFA, SIGN_UP,
 * FORGOT_PASSWORD.
 */
public record OutboxMessage(
    String poolId,
    String username,
    String medium,
    String destination,
    String code,
    String purpose,
    Instant time) {}

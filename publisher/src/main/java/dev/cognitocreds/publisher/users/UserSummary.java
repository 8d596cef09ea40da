package dev.cognitocreds.publisher.users;

import java.time.Instant;
import java.util.Optional;

/** One user as {@code users list} shows it. */
public record UserSummary(
    String username,
    Optional<String> email,
    String status,
    boolean enabled,
    boolean licensed,
    Instant created,
    Instant lastModified) {}

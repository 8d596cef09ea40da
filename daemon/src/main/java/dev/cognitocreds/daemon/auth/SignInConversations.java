package dev.cognitocreds.daemon.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-ins waiting for the person's next answer, keyed by a random conversation id. Cognito's
 * session string stays here; the client only ever sees the id. Entries expire with Cognito's
 * session (3 minutes by default).
 */
public final class SignInConversations {

  /** A pending challenge of one profile, and when Cognito will have forgotten it. */
  public record Conversation(
      String id, String profile, PendingChallenge pending, Instant expiresAt) {}

  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random;
  private final Cache<String, Conversation> pending;

  public SignInConversations(Clock clock, Duration lifetime, SecureRandom random) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.random = random;
    this.pending = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(lifetime).build();
  }

  public Conversation open(String profile, PendingChallenge challenge) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    Conversation conversation =
        new Conversation(
            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
            profile,
            challenge,
            clock.instant().plus(lifetime));
    pending.put(conversation.id(), conversation);
    return conversation;
  }

  /** The pending conversation of this profile, or a failure telling the person to start again. */
  public Conversation find(String id, String profile) {
    return Optional.ofNullable(id)
        .map(pending::getIfPresent)
        .filter(found -> found.profile().equals(profile))
        .filter(found -> clock.instant().isBefore(found.expiresAt()))
        .orElseThrow(
            () ->
                new Failure(
                    Failure.Kind.CONVERSATION_EXPIRED,
                    ErrorCodes.CONVERSATION_EXPIRED,
                    "this sign-in conversation is unknown or expired: run `cognito-creds login --profile "
                        + profile
                        + "` again"));
  }

  /** Forgets a conversation whose Cognito session is used up. */
  public void close(String id) {
    pending.invalidate(id);
  }
}

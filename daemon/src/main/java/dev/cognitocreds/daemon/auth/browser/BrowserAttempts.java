package dev.cognitocreds.daemon.auth.browser;

import dev.cognitocreds.daemon.Failure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sign-ins under way: per attempt a PKCE verifier, a {@code state} and a {@code nonce}
 * (256 random bits each, new every time), kept until the code comes back once or the wait ends.
 */
final class BrowserAttempts {

  /** One attempt; {@code verifier} and {@code nonce} never leave the daemon. */
  record Attempt(
      String id,
      String profile,
      OAuthEndpoints endpoints,
      String state,
      String nonce,
      String verifier,
      URI redirectUri,
      Instant expiresAt) {

    @Override
    public String toString() {
      return "Attempt[" + profile + ", until " + expiresAt + "]";
    }
  }

  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  BrowserAttempts(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  Attempt open(String profile, OAuthEndpoints endpoints, URI redirectUri, Instant expiresAt) {
    dropExpired();
    Attempt attempt =
        new Attempt(
            randomText(),
            profile,
            endpoints,
            randomText(),
            randomText(),
            randomText(),
            redirectUri,
            expiresAt);
    attempts.put(attempt.id(), attempt);
    return attempt;
  }

  /**
   * Takes the attempt when {@code state} is its own; a wrong state leaves it waiting (a stray
   * request must not end a sign-in). Used once: a second code for the same attempt is refused.
   */
  Attempt take(String id, String profile, String state) {
    Attempt attempt = id == null ? null : attempts.get(id);
    if (attempt == null
        || !attempt.profile().equals(profile)
        || !clock.instant().isBefore(attempt.expiresAt())) {
      if (attempt != null) {
        attempts.remove(id);
      }
      throw new Failure(
          Failure.Kind.CONVERSATION_EXPIRED,
          "BrowserSignInExpired",
          "this browser sign-in is over (finished, expired or unknown): run `cognito-creds login"
              + " --browser --profile "
              + profile
              + "` again");
    }
    if (state == null
        || !MessageDigest.isEqual(
            attempt.state().getBytes(StandardCharsets.US_ASCII),
            state.getBytes(StandardCharsets.US_ASCII))) {
      throw Failure.badRequest(
          "the state of the callback is not this sign-in's: the redirect came from another"
              + " sign-in; the sign-in goes on");
    }
    if (!attempts.remove(id, attempt)) {
      throw new Failure(
          Failure.Kind.CONVERSATION_EXPIRED,
          "BrowserSignInExpired",
          "this browser sign-in was already finished");
    }
    return attempt;
  }

  /** S256: BASE64URL(SHA-256(verifier)). */
  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 256 random bits, base64url: a valid PKCE verifier (43 characters) and state or nonce. */
  private String randomText() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void dropExpired() {
    Instant now = clock.instant();
    for (Iterator<Attempt> it = attempts.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().expiresAt())) {
        it.remove();
      }
    }
  }
}

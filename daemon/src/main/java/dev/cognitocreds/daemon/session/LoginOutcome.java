package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.auth.Challenge;
import java.time.Instant;

/** What one step of a sign-in conversation ended in. */
public sealed interface LoginOutcome {

  String profile();

  record SignedIn(String profile, String username, String identityId, Instant expiration)
      implements LoginOutcome {}

  record ChallengeAsked(String profile, String conversation, Challenge challenge, Instant expiresAt)
      implements LoginOutcome {}
}

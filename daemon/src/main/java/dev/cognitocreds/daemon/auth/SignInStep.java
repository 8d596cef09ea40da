package dev.cognitocreds.daemon.auth;

/** Where a sign-in stands after one exchange with Cognito. */
public sealed interface SignInStep {

  record SignedIn(Tokens tokens) implements SignInStep {}

  record ChallengeRequired(PendingChallenge pending) implements SignInStep {}
}

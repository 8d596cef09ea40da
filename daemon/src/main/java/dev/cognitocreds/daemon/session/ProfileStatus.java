package dev.cognitocreds.daemon.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How one cognito profile stands, for {@code GET /v1/status}. */
public record ProfileStatus(
    String profile,
    State state,
    Optional<String> username,
    Optional<String> sub,
    Optional<String> identityId,
    Optional<Instant> expiration,
    Optional<Instant> nextRefresh,
    Optional<String> lastError,
    String store,
    List<String> problems,
    List<String> warnings) {

  public enum State {
    SIGNED_IN,
    SIGNED_OUT,
    /** Signed in, but the identity pool refuses credentials (licence revoked, no rule matches). */
    REFUSED,
    INVALID
  }

  public ProfileStatus {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  static ProfileStatus invalid(
      String profile, String store, List<String> problems, List<String> warnings) {
    return new ProfileStatus(
        profile,
        State.INVALID,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        store,
        problems,
        warnings);
  }

  static ProfileStatus signedOut(
      String profile, String store, Optional<String> lastError, List<String> warnings) {
    return new ProfileStatus(
        profile,
        State.SIGNED_OUT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        lastError,
        store,
        List.of(),
        warnings);
  }
}

package dev.cognitocreds.publisher.license;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Until when a user whose licence was just revoked may still pull. An ID token issued before the
 * change still carries the old claim until it expires, and the identity pool gives credentials for
 * it unless the user was signed out and the pool checks tokens with the user pool (server-side
 * token check); credentials already issued stay valid for their own lifetime whatever happens.
 *
 * @param idTokenLifetime the longest ID token lifetime of the app clients; empty when not known
 */
public record AccessWindow(
    Instant revokedAt,
    boolean signedOut,
    boolean serverSideTokenCheck,
    Optional<Duration> idTokenLifetime,
    Duration credentialLifetime) {

  /** The longest ID token Cognito issues, the bound when the app client's own is not known. */
  static final Duration LONGEST_ID_TOKEN = Duration.ofDays(1);

  /**
   * Credentials of the identity pool's enhanced (simplified) flow last one hour; the role's maximum
   * session duration applies only to the classic flow.
   */
  public static final Duration ENHANCED_FLOW_CREDENTIALS = Duration.ofHours(1);

  /** Whether ID tokens issued before the change can still be exchanged for credentials. */
  public boolean oldIdTokensStillWork() {
    return !(signedOut && serverSideTokenCheck);
  }

  public Instant accessEndsAtTheLatest() {
    Instant end = revokedAt.plus(credentialLifetime);
    return oldIdTokensStillWork() ? end.plus(idTokenLifetime.orElse(LONGEST_ID_TOKEN)) : end;
  }

  /** The reasons, one sentence each, for a person to read. */
  public List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    if (oldIdTokensStillWork()) {
      reasons.add(
          "an ID token issued before now still says the user is licensed until it expires ("
              + idTokenLifetime
                  .map(AccessWindow::words)
                  .orElse("up to 24 hours: give --client-id to know the app client's")
              + " after it was issued)"
              + (signedOut
                  ? ", and the identity pool does not check tokens with the user pool"
                      + " (ServerSideTokenCheck is off)"
                  : "; the user stays signed in, and the next ID token says not licensed"));
    } else {
      reasons.add(
          "the user is signed out everywhere and the identity pool checks tokens with the user"
              + " pool (ServerSideTokenCheck), so no new credentials are issued");
    }
    reasons.add(
        "credentials already issued stay valid for their remaining lifetime (up to "
            + words(credentialLifetime)
            + ", the identity pool's enhanced flow); nothing can end them early");
    return reasons;
  }

  static String words(Duration d) {
    if (d.toMinutes() % 60 != 0 || d.isZero()) {
      return d.toMinutes() + " minutes";
    }
    long hours = d.toHours();
    return hours == 1 ? "1 hour" : hours + " hours";
  }
}

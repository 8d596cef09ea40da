package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon offers its routes; every method throws {@link dev.cognitocreds.daemon.Failure}.
 */
public interface Sessions {

  String defaultProfile();

  /**
   * The profile's credentials when they can be had without waiting for anything: no Cognito call,
   * no session-store or keychain read, no read of the config file. That is a signed-in session
   * already in memory whose credentials need no renewal yet. Empty otherwise (including every error
   * case): then {@link #credentials} answers, on a thread that may wait. {@code profile} null is
   * the default profile.
   */
  default Optional<AwsCredentials> credentialsWithoutWaiting(String profile) {
    return Optional.empty();
  }

  /** Served from memory unless a renewal is due; see {@link RefreshAheadCache}. */
  AwsCredentials credentials(String profile);

  /**
   * The registry's password when it can be had without waiting for anything, as {@link
   * #credentialsWithoutWaiting} for credentials: a profile in memory that the config file (as last
   * looked at) names for the registry, whose password for it needs no renewal yet. Empty otherwise
   * (including every error case): then {@link #registryPassword} answers, on a thread that may
   * wait.
   */
  default Optional<ServedPassword> registryPasswordWithoutWaiting(
      String serverUrl, Optional<String> callerProfile) {
    return Optional.empty();
  }

  /**
   * The password of the registry {@code serverUrl} names (any form docker, podman, skopeo or
   * buildah send), for the profile that serves it; {@code callerProfile} is the caller's {@code
   * AWS_PROFILE}, used when no profile names the registry. Served from memory until shortly before
   * it expires, renewed ahead like the credentials.
   */
  default ServedPassword registryPassword(String serverUrl, Optional<String> callerProfile) {
    throw Failure.badRequest("registry passwords are not served here");
  }

  LoginOutcome login(String profile, Optional<AuthFlow> flow, String username, String password);

  LoginOutcome answer(String profile, String conversation, Map<String, String> answers);

  /**
   * Starts a sign-in through the browser: the address to open, and the {@code state} the client
   * checks on the callback before anything else; the attempt is kept for {@code wait} and a minute.
   */
  default BrowserSignIn.Started startBrowserLogin(String profile, Duration wait) {
    throw Failure.badRequest("this daemon does not sign in through the browser");
  }

  /**
   * Finishes a browser sign-in with the code of its callback: the code is exchanged, the ID token
   * verified, and the session then held exactly as after a password sign-in.
   */
  default LoginOutcome finishBrowserLogin(
      String profile, String attempt, String state, String code) {
    throw Failure.badRequest("this daemon does not sign in through the browser");
  }

  /** True when Cognito confirmed the revocation. */
  boolean logout(String profile, boolean everywhere);

  List<ProfileStatus> status();
}

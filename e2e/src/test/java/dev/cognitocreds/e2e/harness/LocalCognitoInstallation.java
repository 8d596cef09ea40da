package dev.cognitocreds.e2e.harness;

import dev.cognitocreds.localcognito.LocalCognito;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * The usual world of a test class: local-cognito in-process, the publisher's SDK clients pointed at
 * it, and an {@link Installation} whose profiles name it. Closing stops the daemon first, then
 * local-cognito.
 */
public final class LocalCognitoInstallation implements AutoCloseable {

  private final LocalCognito cognito;
  private final CognitoAdmin admin;
  private final Installation installation;

  private LocalCognitoInstallation(
      LocalCognito cognito, CognitoAdmin admin, Installation installation) {
    this.cognito = cognito;
    this.admin = admin;
    this.installation = installation;
  }

  /** {@code configFor} writes the AWS config for local-cognito's endpoint. */
  public static LocalCognitoInstallation start(
      String name, LocalCognito cognito, Function<URI, String> configFor, String... daemonArgs) {
    CognitoAdmin admin = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION);
    try {
      return new LocalCognitoInstallation(
          cognito,
          admin,
          Installation.start(name, configFor.apply(cognito.endpoint()), daemonArgs));
    } catch (RuntimeException | Error e) {
      admin.close();
      cognito.close();
      throw e;
    }
  }

  /** The demo seed and one profile for its pools. */
  public static LocalCognitoInstallation demo(String name, String profile) {
    return start(
        name,
        LocalCognito.builder().port(0).demo().start(),
        endpoint -> DemoPool.profile(profile, endpoint).toIni());
  }

  /**
   * The demo seed with credentials that live only {@code credentialLifetime}, and one profile for
   * its pools.
   */
  public static LocalCognitoInstallation demo(
      String name, String profile, Duration credentialLifetime) {
    return start(
        name,
        LocalCognito.builder().port(0).demo().credentialLifetime(credentialLifetime).start(),
        endpoint -> DemoPool.profile(profile, endpoint).toIni());
  }

  public LocalCognito cognito() {
    return cognito;
  }

  public CognitoAdmin admin() {
    return admin;
  }

  public Installation installation() {
    return installation;
  }

  public Daemon daemon() {
    return installation.daemon();
  }

  /**
   * ID-token refreshes with the refresh token, whichever of Cognito's two operations the daemon
   * uses.
   */
  public long idTokenRefreshes() {
    return cognito.calls().count("InitiateAuth")
        + cognito.calls().count("GetTokensFromRefreshToken");
  }

  /** The demo seed's own user, signed in for the first time (temporary password replaced). */
  public LicensedUser signInDemoUser(String profile) {
    LicensedUser user =
        new LicensedUser(DemoPool.USER, DemoPool.TEMPORARY_PASSWORD, "Demo-N3w-Passw0rd!");
    installation.firstSignIn(profile, user);
    return user;
  }

  /** A new licensed user of the demo pool, signed in for the first time. */
  public LicensedUser signInNewUser(String profile) {
    LicensedUser user = LicensedUser.create(admin, DemoPool.USER_POOL_ID);
    installation.firstSignIn(profile, user);
    return user;
  }

  @Override
  public void close() {
    try {
      installation.close();
    } finally {
      admin.close();
      cognito.close();
    }
  }
}

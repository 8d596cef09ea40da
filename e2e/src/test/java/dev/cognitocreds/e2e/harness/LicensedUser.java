package dev.cognitocreds.e2e.harness;

import java.util.Map;
import java.util.UUID;

/**
 * A user of the demo pool made for one test, so tests do not depend on each other's password
 * changes.
 */
public record LicensedUser(String username, String temporaryPassword, String password) {

  /** A licensed user with every attribute the demo pool requires (a verified e-mail address). */
  public static LicensedUser create(CognitoAdmin admin, String userPoolId) {
    LicensedUser user = named();
    admin.createUser(
        userPoolId,
        user.username(),
        user.temporaryPassword(),
        Map.of(
            "custom:isLicensed",
            "1",
            "email",
            user.username() + "@example.com",
            "email_verified",
            "true"));
    return user;
  }

  /**
   * A licensed user without e-mail address, which the pool requires: Cognito asks for it with the
   * new password.
   */
  public static LicensedUser createWithoutEmail(CognitoAdmin admin, String userPoolId) {
    LicensedUser user = named();
    admin.createUser(
        userPoolId, user.username(), user.temporaryPassword(), Map.of("custom:isLicensed", "1"));
    return user;
  }

  private static LicensedUser named() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new LicensedUser(
        "user-" + suffix, "Temp-" + suffix + "-Aa1!", "Chosen-" + suffix + "-Bb2!");
  }
}

package dev.cognitocreds.daemon.auth;

import java.util.Map;
import java.util.Set;

/**
 * What the daemon knows about user-pool attributes: a readable name to ask for each, and which ones
 * a user may never send (Cognito refuses a request that carries them).
 */
public final class UserAttributes {

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("name", "Full name"),
          Map.entry("given_name", "Given name"),
          Map.entry("family_name", "Family name"),
          Map.entry("middle_name", "Middle name"),
          Map.entry("email", "E-mail address"),
          Map.entry("phone_number", "Phone number (+15555550100)"),
          Map.entry("preferred_username", "Preferred username"),
          Map.entry("nickname", "Nickname"),
          Map.entry("birthdate", "Birth date (YYYY-MM-DD)"),
          Map.entry("address", "Postal address"),
          Map.entry("gender", "Gender"),
          Map.entry("locale", "Locale (en-US)"),
          Map.entry("website", "Web site"),
          Map.entry("zoneinfo", "Time zone (Europe/Paris)"),
          Map.entry("picture", "Picture URL"),
          Map.entry("profile", "Profile page URL"));

  /** Set by Cognito itself: sending one back fails the whole request. */
  private static final Set<String> READ_ONLY =
      Set.of(
          "sub",
          "email_verified",
          "phone_number_verified",
          "identities",
          "cognito:user_status",
          "cognito:mfa_enabled");

  private UserAttributes() {}

  /** "Given name" for {@code given_name}, "isLicensed" for {@code custom:isLicensed}. */
  public static String label(String attribute) {
    return LABELS.getOrDefault(
        attribute, attribute.replace("custom:", "").replace("dev:", "").replace('_', ' '));
  }

  /** False for the attributes only Cognito sets. */
  public static boolean writable(String attribute) {
    return !READ_ONLY.contains(attribute) && !attribute.startsWith("cognito:");
  }
}

package dev.cognitocreds.daemon.auth;

import java.util.Map;

/** What each of Cognito's second factors is called for a person picking one (SELECT_MFA_TYPE). */
public final class MfaTypes {

  private static final Map<String, String> LABELS =
      Map.of(
          "SMS_MFA", "Text message (SMS) code",
          "SOFTWARE_TOKEN_MFA", "Authenticator app code",
          "EMAIL_OTP", "E-mail code");

  private MfaTypes() {}

  /** The readable name, or the value itself for a factor this daemon does not know. */
  public static String label(String value) {
    return LABELS.getOrDefault(value, value);
  }
}

package dev.cognitocreds.daemon.auth;

/**
 * Cognito's password-policy refusals ("Password did not conform with policy: Password must have
 * uppercase characters") in plain words, for sign-in, password change and reset alike.
 */
public final class PasswordPolicyWords {

  private PasswordPolicyWords() {}

  public static String plain(String message) {
    if (message == null) {
      return "choose a longer password with upper- and lower-case letters, digits and symbols";
    }
    // Cognito words it "did not conform with" or "does not conform to" depending on the operation
    String reason = message.replaceFirst("^Password (did|does) not conform (with|to) policy: ", "");
    return reason
        .replace("Password not long enough", "it is too short")
        .replace("Password must have uppercase characters", "it needs an upper-case letter")
        .replace("Password must have lowercase characters", "it needs a lower-case letter")
        .replace("Password must have numeric characters", "it needs a digit")
        .replace("Password must have symbol characters", "it needs a symbol such as ! or #")
        .replace("Password has previously been used", "it was used before");
  }
}

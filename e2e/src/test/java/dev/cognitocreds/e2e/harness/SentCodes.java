package dev.cognitocreds.e2e.harness;

import dev.cognitocreds.localcognito.LocalCognito;

/** The person's phone and mailbox: the last code local-cognito "sent" a user for one purpose. */
public final class SentCodes {

  private SentCodes() {}

  /** {@code purpose}: SMS_MFA, EMAIL_OTP, SIGN_UP or FORGOT_PASSWORD. */
  public static String latest(LocalCognito cognito, String username, String purpose) {
    return cognito.outbox().messages(username).stream()
        .filter(message -> message.purpose().equals(purpose))
        .reduce((earlier, later) -> later)
        .orElseThrow(() -> new AssertionError("no " + purpose + " code was sent to " + username))
        .code();
  }
}

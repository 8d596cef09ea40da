package dev.cognitocreds.localcognito.userpool;

/** How Cognito shows where a code went: {@code +*******1234} and {@code a***@e***}. */
final class Masking {
  private Masking() {}

  static String phone(String phone) {
    int keep = Math.min(4, phone.length());
    String tail = phone.substring(phone.length() - keep);
    return (phone.startsWith("+") ? "+" : "")
        + "*".repeat(Math.max(0, phone.length() - keep - 1))
        + tail;
  }

  static String email(String email) {
    int at = email.indexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return "***";
    }
    return email.charAt(0) + "***@" + email.charAt(at + 1) + "***";
  }
}

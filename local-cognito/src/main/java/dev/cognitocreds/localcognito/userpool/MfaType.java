package dev.cognitocreds.localcognito.userpool;

/** The MFA factors, named as the challenge that asks for each. */
enum MfaType {
  SMS_MFA("SMS_MFA_CODE"),
  SOFTWARE_TOKEN_MFA("SOFTWARE_TOKEN_MFA_CODE"),
  EMAIL_OTP("EMAIL_OTP_CODE");

  private final String responseKey;

  MfaType(String responseKey) {
    this.responseKey = responseKey;
  }

  String responseKey() {
    return responseKey;
  }
}

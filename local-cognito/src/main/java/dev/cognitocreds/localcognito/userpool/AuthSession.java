package dev.cognitocreds.localcognito.userpool;

import java.time.Instant;
import java.util.List;

/** Server state behind one challenge's {@code Session} string. */
final class AuthSession {
  final String poolId;
  final String clientId;
  final String username;
  final String challenge;
  final Instant expires;
  SrpChallenge srp;

  /** The code sent for SMS_MFA / EMAIL_OTP. */
  String code;

  List<MfaType> choices = List.of();
  String pendingTotpSecret;
  boolean totpVerified;

  AuthSession(String poolId, String clientId, String username, String challenge, Instant expires) {
    this.poolId = poolId;
    this.clientId = clientId;
    this.username = username;
    this.challenge = challenge;
    this.expires = expires;
  }
}

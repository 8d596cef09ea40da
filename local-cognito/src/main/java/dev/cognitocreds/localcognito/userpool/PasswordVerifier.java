package dev.cognitocreds.localcognito.userpool;

import java.math.BigInteger;
import java.security.SecureRandom;

/** What Cognito keeps instead of a password: the SRP salt and verifier v = g^x mod N. */
record PasswordVerifier(BigInteger salt, BigInteger verifier) {

  static PasswordVerifier create(
      String poolId, String userId, String password, SecureRandom random) {
    byte[] saltBytes = new byte[16];
    random.nextBytes(saltBytes);
    BigInteger salt = new BigInteger(1, saltBytes);
    return new PasswordVerifier(
        salt, Srp.G.modPow(Srp.x(Srp.poolName(poolId), userId, password, salt), Srp.N));
  }

  boolean matches(String poolId, String userId, String password) {
    return verifier.equals(
        Srp.G.modPow(Srp.x(Srp.poolName(poolId), userId, password, salt), Srp.N));
  }
}

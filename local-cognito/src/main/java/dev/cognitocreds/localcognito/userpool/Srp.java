package dev.cognitocreds.localcognito.userpool;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cognito's SRP-6a variant: RFC 5054 3072-bit group, g = 2, k = H(pad(N) | pad(g)), SHA-256, where
 * pad() is the shortest two's-complement big-endian encoding (what {@link BigInteger#toByteArray()}
 * gives for positive numbers), and the session key is HKDF-SHA256 with info "Caldera Derived Key".
 */
final class Srp {
  static final BigInteger N =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
              + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
              + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
              + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
              + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
              + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
              + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
              + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
          16);
  static final BigInteger G = BigInteger.TWO;
  static final BigInteger K = new BigInteger(1, sha256(pad(N), pad(G)));
  private static final byte[] HKDF_INFO =
      "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);

  private Srp() {}

  /** Pool name is the part of the pool id after the underscore, as the clients compute it. */
  static String poolName(String poolId) {
    return poolId.substring(poolId.indexOf('_') + 1);
  }

  static byte[] pad(BigInteger value) {
    return value.toByteArray();
  }

  static BigInteger x(String poolName, String userId, String password, BigInteger salt) {
    byte[] userHash = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new BigInteger(1, sha256(pad(salt), userHash));
  }

  static BigInteger u(BigInteger a, BigInteger b) {
    return new BigInteger(1, sha256(pad(a), pad(b)));
  }

  static byte[] hkdf(BigInteger s, BigInteger u) {
    byte[] prk = hmac(pad(u), pad(s));
    return Arrays.copyOf(hmac(prk, HKDF_INFO), 16);
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

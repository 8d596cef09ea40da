package dev.cognitocreds.localcognito;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only client half of Cognito's SRP, written independently of the server code from the
 * amazon-cognito-identity-js algorithm, so that server bugs cannot cancel out.
 */
final class SrpTestClient {
  private static final BigInteger N =
      new BigInteger(
          ("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
              + "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
              + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
              + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D"
              + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
              + "DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
              + "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
              + "F12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
              + "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"),
          16);
  private static final BigInteger G = BigInteger.TWO;
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final String poolId;
  private final BigInteger a;
  private final BigInteger bigA;

  SrpTestClient(String poolId) {
    this.poolId = poolId;
    this.a = new BigInteger(1024, new SecureRandom());
    this.bigA = G.modPow(a, N);
  }

  String srpA() {
    return bigA.toString(16);
  }

  /** The PASSWORD_VERIFIER responses for the challenge parameters, signed at {@code now}. */
  Map<String, String> respond(Map<String, String> challenge, String password, Instant now) {
    String userId = challenge.get("USER_ID_FOR_SRP");
    BigInteger bigB = new BigInteger(challenge.get("SRP_B"), 16);
    BigInteger salt = new BigInteger(challenge.get("SALT"), 16);
    BigInteger k = new BigInteger(1, sha256(pad(N), pad(G)));
    BigInteger u = new BigInteger(1, sha256(pad(bigA), pad(bigB)));
    String poolName = poolId.substring(poolId.indexOf('_') + 1);
    byte[] userHash = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    BigInteger x = new BigInteger(1, sha256(pad(salt), userHash));
    BigInteger s = bigB.subtract(k.multiply(G.modPow(x, N))).mod(N).modPow(a.add(u.multiply(x)), N);
    byte[] prk = hmac(pad(u), pad(s));
    byte[] key =
        Arrays.copyOf(hmac(prk, "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8)), 16);
    String timestamp = TIMESTAMP.format(now);
    byte[] signature =
        hmac(
            key,
            poolName.getBytes(StandardCharsets.UTF_8),
            userId.getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(challenge.get("SECRET_BLOCK")),
            timestamp.getBytes(StandardCharsets.UTF_8));
    Map<String, String> responses = new HashMap<>();
    responses.put("USERNAME", userId);
    responses.put("PASSWORD_CLAIM_SECRET_BLOCK", challenge.get("SECRET_BLOCK"));
    responses.put("PASSWORD_CLAIM_SIGNATURE", Base64.getEncoder().encodeToString(signature));
    responses.put("TIMESTAMP", timestamp);
    return responses;
  }

  /** Shortest two's-complement big-endian bytes, the clients' padHex. */
  private static byte[] pad(BigInteger value) {
    return value.toByteArray();
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

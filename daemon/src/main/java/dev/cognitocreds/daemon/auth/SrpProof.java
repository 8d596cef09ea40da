package dev.cognitocreds.daemon.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of Cognito's SRP-6a (USER_SRP_AUTH): the password never leaves the machine, only
 * a proof that we know it. One instance per sign-in attempt: it holds the ephemeral secret {@code
 * a}.
 *
 * <p>Cognito's variant: RFC 5054 3072-bit group with g = 2, SHA-256, k = H(pad(N) || pad(g)), x =
 * H(pad(salt) || H(poolName || userId || ":" || password)), the session key is HKDF-SHA256 of
 * pad(S) with salt pad(u) and info "Caldera Derived Key" (16 bytes), and the proof is an HMAC with
 * that key over poolName || userId || secretBlock || timestamp. "pad" is Cognito's padHex: the
 * shortest two's-complement big-endian encoding, which is exactly {@link BigInteger#toByteArray()}.
 */
public final class SrpProof {

  static final BigInteger N =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
              + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
              + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
              + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
              + "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
              + "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
              + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
              + "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
              + "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
              + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
              + "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
              + "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
          16);
  static final BigInteger G = BigInteger.TWO;
  static final BigInteger K = new BigInteger(1, sha256(pad(N), pad(G)));
  private static final byte[] DERIVED_KEY_INFO =
      "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final BigInteger a;
  private final BigInteger largeA;

  /** The password proof Cognito's PASSWORD_VERIFIER challenge wants, timestamp included. */
  public record Claim(String secretBlock, String signature, String timestamp) {}

  SrpProof(BigInteger a) {
    this.a = a;
    this.largeA = G.modPow(a, N);
    if (largeA.signum() == 0) {
      throw new IllegalArgumentException("A must not be 0 mod N");
    }
  }

  public static SrpProof random(SecureRandom random) {
    BigInteger a;
    do {
      a = new BigInteger(1, bytes(random, 128)).mod(N);
    } while (a.signum() == 0);
    return new SrpProof(a);
  }

  /** SRP_A for InitiateAuth, as hex. */
  public String publicValueHex() {
    return largeA.toString(16);
  }

  /**
   * The answer to PASSWORD_VERIFIER: {@code userId} is the challenge's USER_ID_FOR_SRP, {@code
   * saltHex}, {@code serverBHex} and {@code secretBlock} its SALT, SRP_B and SECRET_BLOCK.
   */
  public Claim claim(
      String poolName,
      String userId,
      String password,
      String saltHex,
      String serverBHex,
      String secretBlock,
      Instant now) {
    String timestamp = TIMESTAMP.format(now);
    byte[] key =
        sessionKey(
            poolName,
            userId,
            password,
            new BigInteger(saltHex, 16),
            new BigInteger(serverBHex, 16));
    byte[] signature =
        hmac(
            key,
            poolName.getBytes(StandardCharsets.UTF_8),
            userId.getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(secretBlock),
            timestamp.getBytes(StandardCharsets.UTF_8));
    Arrays.fill(key, (byte) 0);
    return new Claim(secretBlock, Base64.getEncoder().encodeToString(signature), timestamp);
  }

  byte[] sessionKey(
      String poolName, String userId, String password, BigInteger salt, BigInteger serverB) {
    if (serverB.mod(N).signum() == 0) {
      throw new IllegalArgumentException("SRP_B from Cognito is 0 mod N");
    }
    BigInteger u = new BigInteger(1, sha256(pad(largeA), pad(serverB)));
    if (u.signum() == 0) {
      throw new IllegalArgumentException("SRP scrambling parameter u is 0");
    }
    byte[] identityHash =
        sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
    BigInteger x = new BigInteger(1, sha256(pad(salt), identityHash));
    BigInteger base = serverB.subtract(K.multiply(G.modPow(x, N))).mod(N);
    BigInteger s = base.modPow(a.add(u.multiply(x)), N);
    byte[] prk = hmac(pad(u), pad(s));
    return Arrays.copyOf(hmac(prk, DERIVED_KEY_INFO), 16);
  }

  /** Cognito's padHex as bytes. */
  static byte[] pad(BigInteger value) {
    return value.toByteArray();
  }

  static String padHex(BigInteger value) {
    return HexFormat.of().formatHex(pad(value));
  }

  private static byte[] bytes(SecureRandom random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
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
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

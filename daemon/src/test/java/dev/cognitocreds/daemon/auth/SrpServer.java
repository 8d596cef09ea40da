package dev.cognitocreds.daemon.auth;

import static dev.cognitocreds.daemon.auth.SrpProofTest.NOW;
import static dev.cognitocreds.daemon.auth.SrpProofTest.PASSWORD;
import static dev.cognitocreds.daemon.auth.SrpProofTest.POOL;
import static dev.cognitocreds.daemon.auth.SrpProofTest.SECRET_BLOCK;
import static dev.cognitocreds.daemon.auth.SrpProofTest.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of Cognito's SRP-6a, written from the equations with hex strings as Cognito's JS
 * does.
 */
final class SrpServer {
  // the RFC 5054 3072-bit prime is a published constant; everything derived from it is computed
  // here
  static final BigInteger N = SrpProof.N;
  static final BigInteger G = BigInteger.valueOf(2);

  private final String saltHex;
  private final BigInteger b;
  private final BigInteger k = new BigInteger(hexHash(padHex(N) + padHex(G)), 16);
  private final BigInteger verifier;

  SrpServer(String saltHex, BigInteger b) throws Exception {
    this.saltHex = saltHex;
    this.b = b;
    this.verifier = G.modPow(x(), N);
  }

  BigInteger largeB() {
    return k.multiply(verifier).add(G.modPow(b, N)).mod(N);
  }

  String expectedSignature(BigInteger largeA, Instant now) throws Exception {
    BigInteger u = new BigInteger(hexHash(padHex(largeA) + padHex(largeB())), 16);
    BigInteger s = largeA.multiply(verifier.modPow(u, N)).modPow(b, N);
    byte[] prk = hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
    byte[] info = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(hmac(prk, info), 16);
    String timestamp = "Thu Mar 5 07:08:09 UTC 2026";
    assertThat(now).isEqualTo(NOW);
    byte[] message =
        concat(
            POOL.getBytes(StandardCharsets.UTF_8),
            USER_ID.getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(SECRET_BLOCK),
            timestamp.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(hmac(key, message));
  }

  private BigInteger x() throws Exception {
    String identity =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest((POOL + USER_ID + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    return new BigInteger(hexHash(padHex(new BigInteger(saltHex, 16)) + identity), 16);
  }

  static String padHex(BigInteger value) {
    String hex = value.toString(16);
    if (hex.length() % 2 == 1) {
      return "0" + hex;
    }
    return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
  }

  static String hexHash(String hex) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}

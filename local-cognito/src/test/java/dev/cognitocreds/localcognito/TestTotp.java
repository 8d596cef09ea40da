package dev.cognitocreds.localcognito;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What an authenticator app shows: RFC 6238, HMAC-SHA1, 30 s, 6 digits, base32 secret. */
final class TestTotp {
  private TestTotp() {}

  static String code(String base32Secret, Instant at) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
      int o = h[19] & 0xf;
      int value =
          ((h[o] & 0x7f) << 24
              | (h[o + 1] & 0xff) << 16
              | (h[o + 2] & 0xff) << 8
              | (h[o + 3] & 0xff));
      return String.format("%06d", value % 1_000_000);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decode(String base32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
    long buffer = 0;
    int bits = 0;
    for (int i = 0; i < base32.length(); i++) {
      char c = base32.charAt(i);
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }
}

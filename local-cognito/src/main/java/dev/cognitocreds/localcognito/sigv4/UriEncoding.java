package dev.cognitocreds.localcognito.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: RFC 3986 unreserved characters stay, every other byte is %XX (upper case);
 * unlike form encoding, a space is %20 and {@code +} is a literal plus.
 */
final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  static String decode(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < value.length()) {
      if (value.charAt(i) == '%'
          && i + 2 < value.length()
          && isHex(value, i + 1)
          && isHex(value, i + 2)) {
        out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int end = value.indexOf('%', i + 1);
        end = end < 0 ? value.length() : end;
        out.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String value, int i) {
    return Character.digit(value.charAt(i), 16) >= 0;
  }
}

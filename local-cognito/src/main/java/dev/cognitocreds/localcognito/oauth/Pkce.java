package dev.cognitocreds.localcognito.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** RFC 7636: checks a code verifier against the challenge of the authorization request. */
public final class Pkce {
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

  private Pkce() {}

  /** True when the method is one this server accepts (S256, or plain as RFC 7636 allows). */
  public static boolean knownMethod(String method) {
    return "S256".equals(method) || "plain".equals(method);
  }

  /** {@code challenge} null means the request had none: then no verifier may be required. */
  public static boolean matches(String challenge, String method, String verifier) {
    if (challenge == null) {
      return verifier == null;
    }
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return false;
    }
    String expected = "plain".equals(method) ? verifier : s256(verifier);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }

  public static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.daemon.json.JsonTree;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of a token Cognito issued, read without checking its signature: the token comes
 * straight from Cognito and is only ever handed back to Cognito, which checks it. Only top-level
 * scalar claims are kept (the daemon reads {@code sub}, {@code exp}, …).
 */
final class JwtPayload {

  /** The top-level scalar claims, as their JSON text. */
  record Claims(Map<String, String> scalars) {

    Claim path(String name) {
      return new Claim(scalars.get(name));
    }
  }

  /** One claim, read as JsonNode's {@code path(…).asText/asLong} read it: a default when absent. */
  record Claim(String text) {

    String asText(String absent) {
      return text == null ? absent : text;
    }

    long asLong(long absent) {
      if (text == null) {
        return absent;
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        try {
          return (long) Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
          return absent;
        }
      }
    }
  }

  private JwtPayload() {}

  /** {@code what} names the token in the messages ("the ID token"); they never quote the token. */
  static Claims decode(String jwt, String what) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(what + " from Cognito is not a JWT");
    }
    try {
      return new Claims(scalars(Base64.getUrlDecoder().decode(parts[1])));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " from Cognito cannot be read", e);
    }
  }

  private static Map<String, String> scalars(byte[] payload) throws IOException {
    Map<String, String> scalars = new HashMap<>();
    JsonTree.object(payload)
        .forEach(
            (name, value) -> {
              if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                scalars.put(name, value.toString());
              }
            });
    return scalars;
  }
}

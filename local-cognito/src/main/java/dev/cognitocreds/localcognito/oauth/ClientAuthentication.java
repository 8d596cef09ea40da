package dev.cognitocreds.localcognito.oauth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who calls a token or revocation endpoint: HTTP Basic (client_secret_basic) or the {@code
 * client_id} and {@code client_secret} form fields (client_secret_post).
 */
public record ClientAuthentication(String clientId, String clientSecret) {

  public static ClientAuthentication of(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          return new ClientAuthentication(
              decoded.substring(0, colon), decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        throw new OAuthError("invalid_client", "Malformed Authorization header.");
      }
      throw new OAuthError("invalid_client", "Malformed Authorization header.");
    }
    String clientId = ctx.formParam("client_id");
    if (clientId == null || clientId.isBlank()) {
      throw new OAuthError("invalid_request", "client_id is required.");
    }
    return new ClientAuthentication(clientId, ctx.formParam("client_secret"));
  }

  /** Throws invalid_client unless this is {@code expectedId} with {@code expectedSecret}. */
  public void require(String expectedSecret) {
    if (expectedSecret == null) {
      return;
    }
    if (clientSecret == null
        || !MessageDigest.isEqual(
            expectedSecret.getBytes(StandardCharsets.UTF_8),
            clientSecret.getBytes(StandardCharsets.UTF_8))) {
      throw new OAuthError("invalid_client", "Client authentication failed.");
    }
  }
}

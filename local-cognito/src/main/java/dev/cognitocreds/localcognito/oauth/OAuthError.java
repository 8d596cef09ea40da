package dev.cognitocreds.localcognito.oauth;

import io.javalin.http.Context;

/**
 * An error of an OAuth endpoint, answered as RFC 6749 says: {@code {"error": …,
 * "error_description": …}} with 400 (401 for a client that failed to authenticate).
 */
public final class OAuthError extends RuntimeException {
  private final String error;
  private final int status;

  public OAuthError(String error, String description) {
    this(error, description, "invalid_client".equals(error) ? 401 : 400);
  }

  public OAuthError(String error, String description, int status) {
    super(description, null, false, false);
    this.error = error;
    this.status = status;
  }

  public String error() {
    return error;
  }

  public void answer(Context ctx) {
    ctx.status(status)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .result(
            "{\"error\":\""
                + error
                + "\",\"error_description\":\""
                + Html.escapeJson(getMessage())
                + "\"}");
  }
}

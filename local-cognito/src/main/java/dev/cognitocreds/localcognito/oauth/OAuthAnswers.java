package dev.cognitocreds.localcognito.oauth;

import dev.cognitocreds.localcognito.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** How the login servers answer: JSON from the back-channel endpoints, redirects to the client. */
public final class OAuthAnswers {
  private OAuthAnswers() {}

  /**
   * The endpoint's JSON, or its {@link OAuthError}; never cached (RFC 6749 5.1). Like a real login
   * server's, the answer's {@code Date} header is on the clock its tokens are issued on, so a
   * client whose clock differs can tell by how much.
   */
  public static void json(Context ctx, Clock clock, Supplier<Map<String, Object>> action)
      throws Exception {
    try {
      Map<String, Object> body = action.get();
      ctx.header(
              "Date",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)))
          .header("Cache-Control", "no-store")
          .contentType("application/json")
          .result(Json.MAPPER.writeValueAsString(body));
    } catch (OAuthError error) {
      error.answer(ctx);
    }
  }

  /** Sends the browser back to the client with the code. */
  public static void code(Context ctx, String redirectUri, String code, String state) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("code", code);
    parameters.put("state", state);
    ctx.redirect(Html.withQuery(redirectUri, parameters), HttpStatus.FOUND);
  }

  /** Sends the browser back to the client with an error (RFC 6749 4.1.2.1). */
  public static void error(
      Context ctx, String redirectUri, String state, String error, String description) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("error", error);
    parameters.put("error_description", description);
    parameters.put("state", state);
    ctx.redirect(Html.withQuery(redirectUri, parameters), HttpStatus.FOUND);
  }
}

package dev.cognitocreds.daemon.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a complete JSON answer in one go: every answer of the daemon is small and known up front.
 */
final class Answers {

  /** Encoded once: the hot path adds it to every answer without formatting anything. */
  private static final HttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private Answers() {}

  static void json(Response response, Callback callback, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static void error(Response response, Callback callback, ApiError error) {
    json(response, callback, error.status(), Json.error(error.code(), error.getMessage()));
  }
}

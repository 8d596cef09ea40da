package dev.cognitocreds.daemon.http;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
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

  /**
   * Answers 200 with what {@code atHand} gives, when it gives something without waiting; false when
   * it gives null or fails, and then a worker answers, with the error if there is one.
   */
  static boolean jsonIfAtHand(Response response, Callback callback, Supplier<byte[]> atHand) {
    byte[] body;
    try {
      body = atHand.get();
    } catch (RuntimeException e) {
      return false;
    }
    if (body == null) {
      return false;
    }
    json(response, callback, 200, body);
    return true;
  }

  static void error(Response response, Callback callback, ApiError error) {
    json(response, callback, error.status(), Json.error(error.code(), error.getMessage()));
  }
}

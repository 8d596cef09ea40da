package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The one Jetty handler of the daemon: the guard first (for every path, so an unknown route without
 * the token is a 401, not a 404), then the credential fast path, then the other routes.
 *
 * <p>Declared non-blocking so Jetty runs it on the selector thread that read the request, without
 * handing it to another thread: that is what makes the cached credential routes cheap. Nothing here
 * may wait, so the routes that can (Cognito, the session store, the keychain) run on workers.
 */
final class ApiHandler extends Handler.Abstract.NonBlocking {

  /** Javalin's limit, kept: the largest body of the API is a sign-up with a few attributes. */
  static final int MAX_BODY_BYTES = 1_000_000;

  /** How much of a body over the limit is read and thrown away so the 413 reaches its client. */
  static final int MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;

  private static final byte[] NO_BODY = new byte[0];

  private final RequestGuard guard;
  private final CredentialFastPath credentials;
  private final RouteTable routes;
  private final Workers workers;

  ApiHandler(
      RequestGuard guard, CredentialFastPath credentials, RouteTable routes, Workers workers) {
    this.guard = guard;
    this.credentials = credentials;
    this.routes = routes;
    this.workers = workers;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    HttpFields headers = request.getHeaders();
    ApiError refusal =
        guard.refusal(
            path,
            headers.get(HttpHeader.HOST),
            headers.get(HttpHeader.ORIGIN),
            headers.get(HttpHeader.AUTHORIZATION));
    if (refusal != null) {
      Answers.error(response, callback, refusal);
      return true;
    }
    String method = request.getMethod();
    if ("GET".equals(method)) {
      CredentialFastPath.Target target = CredentialFastPath.target(path);
      if (target != null) {
        credentials.handle(target, path, response, callback);
        return true;
      }
    }
    RouteTable.Match match = routes.find(method, path);
    if (match == null) {
      Answers.error(
          response,
          callback,
          new ApiError(404, ErrorCodes.NOT_FOUND, "no route " + method + " " + path));
      return true;
    }
    Route atHand = match.atHand();
    if (atHand != null
        && Answers.jsonIfAtHand(
            response,
            callback,
            () -> atHand.answer(new RouteRequest(match.params(), query(request), NO_BODY)))) {
      return true;
    }
    // the body is read on the worker too: it may still be arriving
    workers.answer(
        method,
        path,
        response,
        callback,
        () ->
            match.route().answer(new RouteRequest(match.params(), query(request), body(request))));
    return true;
  }

  /** The first value of each query parameter; most routes have none. */
  private static Map<String, String> query(Request request) {
    if (request.getHttpURI().getQuery() == null) {
      return Map.of();
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (Fields.Field field : Request.extractQueryParameters(request)) {
      query.putIfAbsent(field.getName(), field.getValue());
    }
    return query;
  }

  /** On a worker, so it may block; a body without a length (chunked) is held to the same limit. */
  private static byte[] body(Request request) {
    long length = request.getLength();
    if (length == 0) {
      return NO_BODY;
    }
    // a client that waits for "100 Continue" has sent nothing yet: refusing costs it nothing
    boolean drain =
        length <= MAX_BODY_BYTES + MAX_DRAINED_BYTES
            && !request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (length > MAX_BODY_BYTES) {
        if (drain) {
          discard(in);
        }
        throw tooLarge();
      }
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        discard(in);
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new ApiError(400, ErrorCodes.BAD_REQUEST, "the request body could not be read");
    }
  }

  /**
   * Reads what is left of a refused body, up to {@link #MAX_DRAINED_BYTES}. Closing a connection
   * while its body is still arriving makes the kernel answer with a reset, and a client still
   * sending then sees that reset instead of the 413; a body read to its end keeps the connection
   * usable. A longer body is cut off all the same, and one arriving slowly meets the connection
   * guard's request timeout.
   */
  private static void discard(InputStream in) {
    byte[] sink = new byte[16 * 1024];
    long left = MAX_DRAINED_BYTES;
    try {
      int read;
      while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= read;
      }
    } catch (IOException e) {
      // the client went away: nobody is left to read the 413
    }
  }

  private static ApiError tooLarge() {
    return new ApiError(
        413,
        ErrorCodes.REQUEST_TOO_LARGE,
        "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }
}

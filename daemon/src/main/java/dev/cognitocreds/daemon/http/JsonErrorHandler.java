package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.ErrorCodes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before {@link ApiHandler} sees the request (a malformed URI, a
 * bad header, a request line too long), in the daemon's own error body ({@code {"code","message"}},
 * docs/protocol.md) instead of Jetty's HTML page. The message is fixed text: never Jetty's, which
 * may quote the request.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ERROR_STATUS);
    int code = status instanceof Integer number ? number : response.getStatus();
    if (code < 400 || code > 599) {
      code = 500;
    }
    String message =
        code < 500
            ? "the request is malformed (HTTP " + code + "); cognito-creds sends well-formed ones"
            : "cognito-credsd failed to answer (HTTP " + code + "); see its log";
    Answers.error(
        response,
        callback,
        new ApiError(
            code, code < 500 ? ErrorCodes.BAD_REQUEST : ErrorCodes.INTERNAL_ERROR, message));
    return true;
  }
}

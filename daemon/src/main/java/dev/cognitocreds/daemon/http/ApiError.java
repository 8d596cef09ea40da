package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.Failure;

/** An error answer: status, code and a message a person can act on. */
final class ApiError extends RuntimeException {

  private final int status;
  private final String code;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static ApiError of(Failure failure) {
    int status =
        switch (failure.kind()) {
          case BAD_REQUEST, SIGN_IN_REJECTED -> 400;
          case SIGN_IN_REFUSED -> 401;
          case REGISTRY_REFUSED -> 403;
          case PROFILE_NOT_FOUND -> 404;
          case SIGNED_OUT -> 409;
          case CONVERSATION_EXPIRED -> 410;
          case INVALID_PROFILE -> 422;
          case UPSTREAM_ERROR -> 502;
          case UPSTREAM_UNAVAILABLE -> 503;
        };
    return new ApiError(status, failure.code(), failure.getMessage());
  }
}

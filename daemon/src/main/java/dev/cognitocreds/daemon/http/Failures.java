package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a route threw into the error answer: a {@link Failure} into its status and code (and a
 * log line), an {@link ApiError} as it is, anything else into a 500 that shows no detail (the
 * detail goes to the log).
 */
final class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  ApiError answer(String method, String path, RuntimeException thrown) {
    if (thrown instanceof ApiError error) {
      return error;
    }
    if (thrown instanceof Failure failure) {
      ApiError error = ApiError.of(failure);
      log.warn(
          "{} {} -> {} {}: {}", method, path, error.status(), error.code(), error.getMessage());
      return error;
    }
    log.error("unexpected error on {} {}", method, path, thrown);
    return new ApiError(
        500, ErrorCodes.INTERNAL_ERROR, "unexpected error in cognito-credsd; see its log");
  }
}

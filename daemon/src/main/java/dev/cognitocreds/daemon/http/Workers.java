package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.ErrorCodes;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands work that may wait (Cognito calls, the session store, the keychain) from the selector
 * thread to the worker pool, so a selector never blocks, and writes its answer there: a 200 with
 * what the work returned, or the error answer for what it threw.
 */
final class Workers {

  private final Executor executor;
  private final Failures failures;

  Workers(Executor executor, Failures failures) {
    this.executor = executor;
    this.failures = failures;
  }

  /** {@code method} and {@code path} name the request in the log line of a failure. */
  void answer(
      String method, String path, Response response, Callback callback, Supplier<byte[]> work) {
    try {
      executor.execute(
          () -> {
            try {
              Answers.json(response, callback, 200, work.get());
            } catch (RuntimeException e) {
              Answers.error(response, callback, failures.answer(method, path, e));
            }
          });
    } catch (RejectedExecutionException e) {
      Answers.error(
          response,
          callback,
          new ApiError(503, ErrorCodes.BUSY, "cognito-credsd is too busy now; try again"));
    }
  }
}

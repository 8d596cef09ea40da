package dev.cognitocreds.daemon.http;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands work that may wait (Cognito calls, the session store, the keychain) from the selector
 * thread to the worker pool, so a selector never blocks.
 */
final class Workers {

    private Workers() {
    }

    static void run(Executor workers, Response response, Callback callback, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            Answers.error(response, callback, new ApiError(503, "Busy", "cognito-credsd is too busy now; try again"));
        }
    }
}

package dev.cognitocreds.daemon.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.IntSupplier;

/**
 * Runs before every route: refuses requests not addressed to our own loopback address (DNS
 * rebinding), requests from browsers (they send {@code Origin}), and, except on the health route,
 * requests without the token.
 */
final class RequestGuard implements Handler {

    static final String HEALTH_PATH = "/healthz";

    private final byte[] token;
    private final IntSupplier port;

    RequestGuard(String token, IntSupplier port) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.port = port;
    }

    @Override
    public void handle(Context ctx) {
        ApiError refusal = refusal(ctx.path(), ctx.header("Host"), ctx.header("Origin"), ctx.header("Authorization"));
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Why a request with these headers is refused, or null when it may proceed. */
    ApiError refusal(String path, String host, String origin, String authorization) {
        String suffix = ":" + port.getAsInt();
        if (host == null || !(host.equals("127.0.0.1" + suffix) || host.equalsIgnoreCase("localhost" + suffix))) {
            return new ApiError(403, "ForbiddenHost", "requests must be addressed to 127.0.0.1" + suffix);
        }
        if (origin != null) {
            return new ApiError(403, "ForbiddenOrigin", "browser requests are not allowed");
        }
        if (HEALTH_PATH.equals(path)) {
            return null;
        }
        if (authorization == null || authorization.isEmpty()) {
            return new ApiError(401, "MissingToken",
                    "the Authorization header is missing: send the content of the daemon's auth-token file");
        }
        if (!MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), token)) {
            return new ApiError(403, "BadToken", "the Authorization header does not match the daemon's auth-token file");
        }
        return null;
    }
}

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
        String host = ctx.header("Host");
        String suffix = ":" + port.getAsInt();
        if (host == null || !(host.equals("127.0.0.1" + suffix) || host.equalsIgnoreCase("localhost" + suffix))) {
            throw new ApiError(403, "ForbiddenHost", "requests must be addressed to 127.0.0.1" + suffix);
        }
        if (ctx.header("Origin") != null) {
            throw new ApiError(403, "ForbiddenOrigin", "browser requests are not allowed");
        }
        if (HEALTH_PATH.equals(ctx.path())) {
            return;
        }
        String presented = ctx.header("Authorization");
        if (presented == null || presented.isEmpty()) {
            throw new ApiError(401, "MissingToken",
                    "the Authorization header is missing: send the content of the daemon's auth-token file");
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            throw new ApiError(403, "BadToken",
                    "the Authorization header does not match the daemon's auth-token file");
        }
    }
}

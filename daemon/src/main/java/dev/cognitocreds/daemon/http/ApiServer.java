package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.account.Accounts;
import dev.cognitocreds.daemon.session.Sessions;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** The daemon's HTTP interface on 127.0.0.1. */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    static final String LOOPBACK = "127.0.0.1";
    private static final String JSON = "application/json";
    private static final int RESPONSE_BUFFER_BYTES = 4096;

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /**
     * Binds 127.0.0.1:{@code port} ({@code 0} picks a free port) and serves; {@code token} is the
     * content of the auth-token file.
     */
    public static ApiServer start(int port, String token, Sessions sessions, String version, Path configFile) {
        return start(port, token, sessions, null, version, configFile);
    }

    /** As above, with the account routes (sign-up, password change and reset) when {@code accounts} is not null. */
    public static ApiServer start(int port, String token, Sessions sessions, Accounts accounts, String version,
                                  Path configFile) {
        Javalin[] self = new Javalin[1];
        ApiRoutes routes = new ApiRoutes(sessions, version, configFile, () -> self[0].port());
        RequestGuard guard = new RequestGuard(token, () -> self[0].port());
        self[0] = Javalin.create(config -> {
            config.jetty.host = LOOPBACK;
            config.jetty.port = port;
            config.jetty.threadPool = threadPool();
            // Javalin nests its servlet context inside this wrapper: credential routes never reach it
            config.jetty.modifyServer(server -> server.setHandler(new CredentialFastPath(guard, routes)));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.defaultContentType = JSON;
            // responses are small and local: compressing them only costs time on the hot path
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // every answer is a few hundred bytes: Jetty's 32 KiB default buffers per connection (pooled
            // and kept after a burst) only cost memory
            config.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
            config.jetty.modifyHttpConfiguration(http -> http.setOutputBufferSize(RESPONSE_BUFFER_BYTES));
            config.routes.before(guard);
            config.routes.get(RequestGuard.HEALTH_PATH, routes::health);
            config.routes.post("/v1/profiles/{p}/login", routes::login);
            config.routes.post("/v1/profiles/{p}/login/{flow}", routes::loginWithFlow);
            config.routes.post("/v1/profiles/{p}/logout", routes::logout);
            config.routes.get("/v1/status", routes::status);
            if (accounts != null) {
                AccountRoutes chores = new AccountRoutes(accounts);
                config.routes.post("/v1/profiles/{p}/signup", chores::signUp);
                config.routes.post("/v1/profiles/{p}/signup/confirm", chores::confirmSignUp);
                config.routes.post("/v1/profiles/{p}/signup/resend", chores::resendConfirmationCode);
                config.routes.post("/v1/profiles/{p}/password", chores::changePassword);
                config.routes.post("/v1/profiles/{p}/password-reset", chores::forgotPassword);
                config.routes.post("/v1/profiles/{p}/password-reset/confirm", chores::confirmForgotPassword);
            }
            config.routes.exception(ApiError.class, (error, ctx) -> answer(ctx, error));
            config.routes.exception(Failure.class, (failure, ctx) -> {
                ApiError error = ApiError.of(failure);
                log.warn("{} {} -> {} {}: {}", ctx.method(), ctx.path(), error.status(), error.code(), error.getMessage());
                answer(ctx, error);
            });
            config.routes.exception(HttpResponseException.class, (error, ctx) -> answer(ctx, new ApiError(
                    error.getStatus(), error.getStatus() == 404 ? "NotFound" : "HttpError",
                    error.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : error.getMessage())));
            config.routes.exception(Exception.class, (error, ctx) -> {
                log.error("unexpected error on {} {}", ctx.method(), ctx.path(), error);
                answer(ctx, new ApiError(500, "InternalError", "unexpected error in cognito-credsd; see its log"));
            });
        });
        self[0].start();
        log.info("listening on http://{}:{}", LOOPBACK, self[0].port());
        return new ApiServer(self[0]);
    }

    /** Few idle threads (an idle daemon should be small), room for bursts of waiting callers. */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(250, 2, 60_000);
        pool.setName("http");
        return pool;
    }

    public int port() {
        return app.port();
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).contentType(JSON).result(Json.error(error.code(), error.getMessage()));
    }

    @Override
    public void close() {
        app.stop();
    }
}

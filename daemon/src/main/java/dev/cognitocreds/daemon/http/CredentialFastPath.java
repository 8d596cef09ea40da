package dev.cognitocreds.daemon.http;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The credential routes, which SDKs and the credential helper call on every use: matched by plain
 * string checks, answered with pre-rendered bytes. While the profile's credentials are known to be
 * fresh the answer is written on the thread that read the request (Jetty's selector: no hand-off);
 * otherwise the session may wait for Cognito, so the request goes to a worker thread.
 */
final class CredentialFastPath {

    /** A credential route: {@code profile} null for the default profile. */
    record Target(String profile, boolean process) {
    }

    private static final String DEFAULT_ROUTE = "/v1/credentials";
    private static final String PROFILE_PREFIX = "/v1/profiles/";
    private static final String CONTAINER_SUFFIX = "/credentials";
    private static final String PROCESS_SUFFIX = "/credential-process";
    private static final Target DEFAULT = new Target(null, false);

    private final ApiRoutes routes;
    private final Clock clock;
    private final Executor workers;
    private final Failures failures;

    CredentialFastPath(ApiRoutes routes, Clock clock, Executor workers, Failures failures) {
        this.routes = routes;
        this.clock = clock;
        this.workers = workers;
        this.failures = failures;
    }

    /** The credential route of this raw (percent-encoded) GET path, or null when it is another route. */
    static Target target(String rawPath) {
        if (DEFAULT_ROUTE.equals(rawPath)) {
            return DEFAULT;
        }
        if (!rawPath.startsWith(PROFILE_PREFIX)) {
            return null;
        }
        int slash = rawPath.indexOf('/', PROFILE_PREFIX.length());
        if (slash <= PROFILE_PREFIX.length()) {
            return null;
        }
        boolean process;
        if (rawPath.length() - slash == CONTAINER_SUFFIX.length() && rawPath.endsWith(CONTAINER_SUFFIX)) {
            process = false;
        } else if (rawPath.length() - slash == PROCESS_SUFFIX.length() && rawPath.endsWith(PROCESS_SUFFIX)) {
            process = true;
        } else {
            return null;
        }
        String profile = rawPath.substring(PROFILE_PREFIX.length(), slash);
        return new Target(profile.indexOf('%') < 0 ? profile : URIUtil.decodePath(profile), process);
    }

    /** Answers now when that cannot wait for Cognito, else on a worker. */
    void handle(Target target, String path, Response response, Callback callback) {
        String profile;
        try {
            profile = target.profile() != null ? target.profile() : routes.defaultProfile();
            if (routes.answersFromMemory(profile, clock.millis())) {
                Answers.json(response, callback, 200, routes.document(profile, target.process()));
                return;
            }
        } catch (RuntimeException e) {
            Answers.error(response, callback, failures.answer("GET", path, e));
            return;
        }
        Workers.run(workers, response, callback, () -> {
            try {
                Answers.json(response, callback, 200, routes.document(profile, target.process()));
            } catch (RuntimeException e) {
                Answers.error(response, callback, failures.answer("GET", path, e));
            }
        });
    }
}

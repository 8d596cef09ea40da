package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.Failure;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * The credential routes, answered by a plain Jetty handler in front of Javalin: they are what SDKs
 * and the credential helper call on every use, so they skip the servlet and routing layers and
 * write pre-rendered bytes. Every other request goes on to Javalin.
 */
final class CredentialFastPath extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(CredentialFastPath.class);
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final String DEFAULT_ROUTE = "/v1/credentials";
    private static final String PROFILE_PREFIX = "/v1/profiles/";

    private final RequestGuard guard;
    private final ApiRoutes routes;

    CredentialFastPath(RequestGuard guard, ApiRoutes routes) {
        this.guard = guard;
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"GET".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getDecodedPath();
        String profile = null;
        boolean process = false;
        if (!DEFAULT_ROUTE.equals(path)) {
            if (!path.startsWith(PROFILE_PREFIX)) {
                return super.handle(request, response, callback);
            }
            int slash = path.indexOf('/', PROFILE_PREFIX.length());
            String rest = slash < 0 ? "" : path.substring(slash);
            process = "/credential-process".equals(rest);
            if (slash <= PROFILE_PREFIX.length() || !(process || "/credentials".equals(rest))) {
                return super.handle(request, response, callback);
            }
            profile = path.substring(PROFILE_PREFIX.length(), slash);
        }
        HttpFields headers = request.getHeaders();
        ApiError refusal = guard.refusal(path, headers.get(HttpHeader.HOST), headers.get(HttpHeader.ORIGIN),
                headers.get(HttpHeader.AUTHORIZATION));
        if (refusal != null) {
            write(response, callback, refusal.status(), Json.error(refusal.code(), refusal.getMessage()));
            return true;
        }
        byte[] body;
        try {
            body = profile == null ? routes.defaultDocument() : routes.document(profile, process);
        } catch (Failure failure) {
            ApiError error = ApiError.of(failure);
            log.warn("GET {} -> {} {}: {}", path, error.status(), error.code(), error.getMessage());
            write(response, callback, error.status(), Json.error(error.code(), error.getMessage()));
            return true;
        } catch (RuntimeException e) {
            log.error("unexpected error on GET {}", path, e);
            write(response, callback, 500, Json.error("InternalError", "unexpected error in cognito-credsd; see its log"));
            return true;
        }
        write(response, callback, 200, body);
        return true;
    }

    private static void write(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.Routes;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * The credential routes, which SDKs and the credential helper call on every use: matched by plain
 * string checks, answered with pre-rendered bytes. When the session has the credentials at hand
 * without waiting for anything, the answer is written on the thread that read the request (Jetty's
 * selector: no hand-off); otherwise (first request, renewal due, re-login, signed out, config file
 * to look at, any error) the request goes to a worker thread, which may wait.
 */
final class CredentialFastPath {

  /** A credential route: {@code profile} null for the default profile. */
  record Target(String profile, boolean process) {}

  private static final String DEFAULT_ROUTE = Routes.DEFAULT_CREDENTIALS;
  private static final String PROFILE_PREFIX = Routes.PROFILES;
  private static final String CONTAINER_SUFFIX = "/" + Routes.CREDENTIALS;
  private static final String PROCESS_SUFFIX = "/" + Routes.CREDENTIAL_PROCESS;
  private static final Target DEFAULT = new Target(null, false);

  private final ApiRoutes routes;
  private final Workers workers;

  CredentialFastPath(ApiRoutes routes, Workers workers) {
    this.routes = routes;
    this.workers = workers;
  }

  /**
   * The credential route of this raw (percent-encoded) GET path, or null when it is another route.
   * As for every route, one trailing slash is ignored.
   */
  static Target target(String rawPath) {
    String path = RouteTable.withoutTrailingSlash(rawPath);
    if (DEFAULT_ROUTE.equals(path)) {
      return DEFAULT;
    }
    if (!path.startsWith(PROFILE_PREFIX)) {
      return null;
    }
    int slash = path.indexOf('/', PROFILE_PREFIX.length());
    if (slash <= PROFILE_PREFIX.length()) {
      return null;
    }
    boolean process;
    if (path.length() - slash == CONTAINER_SUFFIX.length() && path.endsWith(CONTAINER_SUFFIX)) {
      process = false;
    } else if (path.length() - slash == PROCESS_SUFFIX.length() && path.endsWith(PROCESS_SUFFIX)) {
      process = true;
    } else {
      return null;
    }
    String profile = path.substring(PROFILE_PREFIX.length(), slash);
    return new Target(profile.indexOf('%') < 0 ? profile : URIUtil.decodePath(profile), process);
  }

  /** Answers now when that needs no waiting, else on a worker. */
  void handle(Target target, String path, Response response, Callback callback) {
    if (Answers.jsonIfAtHand(
        response,
        callback,
        () -> routes.documentWithoutWaiting(target.profile(), target.process()))) {
      return;
    }
    workers.answer(
        "GET",
        path,
        response,
        callback,
        () ->
            routes.document(
                target.profile() != null ? target.profile() : routes.defaultProfile(),
                target.process()));
  }
}

package dev.cognitocreds.daemon.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.URIUtil;

/**
 * The routes other than the credential ones, matched by method and path template ({@code
 * /v1/profiles/{p}/login}). A dozen routes at most: a linear scan is the simplest and costs nothing
 * next to a Cognito call. As Javalin did, one trailing slash is ignored and a parameter is one
 * whole, percent-decoded path segment.
 */
final class RouteTable {

  /**
   * A route found for a request, with its parameters; {@code atHand}, when the route has one,
   * answers on the thread that read the request when that needs no waiting (null otherwise).
   */
  record Match(Route route, Route atHand, Map<String, String> params) {}

  // Entries are scanned, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  private record Entry(String method, String[] segments, Route route, Route atHand) {}

  private final List<Entry> entries = new ArrayList<>();

  RouteTable add(String method, String template, Route route) {
    return add(method, template, route, null);
  }

  /**
   * A route whose answer is often at hand: {@code atHand} returns it without waiting for anything,
   * or null, and then {@code route} answers on a worker.
   */
  RouteTable add(String method, String template, Route route, Route atHand) {
    entries.add(new Entry(method, segments(template), route, atHand));
    return this;
  }

  /** The route for this method and raw (still percent-encoded) path, or null when there is none. */
  Match find(String method, String rawPath) {
    String[] segments = segments(rawPath);
    for (Entry entry : entries) {
      if (!entry.method().equals(method) || entry.segments().length != segments.length) {
        continue;
      }
      Map<String, String> params = match(entry.segments(), segments);
      if (params != null) {
        return new Match(entry.route(), entry.atHand(), params);
      }
    }
    return null;
  }

  private static Map<String, String> match(String[] template, String[] segments) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      String expected = template[i];
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        params.put(expected.substring(1, expected.length() - 1), URIUtil.decodePath(segments[i]));
      } else if (!expected.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] segments(String path) {
    return withoutTrailingSlash(path).split("/", -1);
  }

  /** The path with one trailing slash ignored, as on every route of the API. */
  static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}

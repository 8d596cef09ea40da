package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.contract.Routes;
import java.util.function.IntSupplier;

/**
 * Runs before every route: refuses requests not addressed to our own loopback address (DNS
 * rebinding), requests from browsers (they send {@code Origin}), and, except on the health route,
 * requests without the token.
 */
final class RequestGuard {

  static final String HEALTH_PATH = Routes.HEALTH;

  private final String token;
  private final IntSupplier port;

  /** The two Host values allowed, built once the port is known (the hot path builds no strings). */
  private volatile Hosts hosts;

  private record Hosts(int port, String loopback, String localhost) {}

  RequestGuard(String token, IntSupplier port) {
    this.token = token;
    this.port = port;
  }

  /** Why a request with these headers is refused, or null when it may proceed. */
  ApiError refusal(String path, String host, String origin, String authorization) {
    Hosts allowed = hosts();
    if (host == null
        || !(host.equals(allowed.loopback()) || host.equalsIgnoreCase(allowed.localhost()))) {
      return new ApiError(
          403, ErrorCodes.FORBIDDEN_HOST, "requests must be addressed to " + allowed.loopback());
    }
    if (origin != null) {
      return new ApiError(403, ErrorCodes.FORBIDDEN_ORIGIN, "browser requests are not allowed");
    }
    if (HEALTH_PATH.equals(path)) {
      return null;
    }
    if (authorization == null || authorization.isEmpty()) {
      return new ApiError(
          401,
          ErrorCodes.MISSING_TOKEN,
          "the Authorization header is missing: send the content of the daemon's auth-token file");
    }
    if (!sameInConstantTime(authorization, token)) {
      return new ApiError(
          403,
          ErrorCodes.BAD_TOKEN,
          "the Authorization header does not match the daemon's auth-token file");
    }
    return null;
  }

  private Hosts hosts() {
    Hosts current = hosts;
    int bound = port.getAsInt();
    if (current == null || current.port() != bound) {
      current = new Hosts(bound, "127.0.0.1:" + bound, "localhost:" + bound);
      hosts = current;
    }
    return current;
  }

  /**
   * Compares every character of the token whatever the given value, so the time taken says nothing
   * about how much of a guess was right (MessageDigest.isEqual's guarantee, without encoding both).
   */
  static boolean sameInConstantTime(String given, String expected) {
    int difference = given.length() ^ expected.length();
    for (int i = 0; i < expected.length(); i++) {
      char offered = i < given.length() ? given.charAt(i) : 0;
      difference |= offered ^ expected.charAt(i);
    }
    return difference == 0;
  }
}

package dev.cognitocreds.daemon.http;

import java.time.Duration;

/**
 * How long and how many connections any local process may hold, so that none can exhaust the daemon
 * (docs/protocol.md, "Connections").
 *
 * @param requestTimeout a request's line and headers must have arrived this long after its first
 *     byte (for a connection's first request: after the connection opened); a slower connection is
 *     closed
 * @param idleTimeout a kept-alive connection with nothing to read or write is closed after this
 *     long
 * @param maxPerAddress connections open at once from one source address (every local process
 *     connects from 127.0.0.1, but may bind another 127/8 address)
 * @param maxTotal connections open at once from all addresses
 */
public record ConnectionLimits(
    Duration requestTimeout, Duration idleTimeout, int maxPerAddress, int maxTotal) {

  /**
   * Loopback clients send a request's head in one write, well within a second even on a loaded
   * machine; 5 s is far beyond that and still closes a trickle quickly. The idle timeout is Jetty's
   * usual one, longer than a pull's pauses between layers. The caps are far above what one SDK
   * keeps pooled (the Java SDK's default is 50, botocore's 10) and above a burst of a few hundred
   * processes asking a cold daemon at once (each holds a connection while it waits; an open
   * connection costs a few KiB and no thread), yet well below the file limit the JVM raises itself
   * to, so a flood is cut off before the daemon runs out of descriptors.
   */
  public static final ConnectionLimits DEFAULTS =
      new ConnectionLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 512, 1024);

  public ConnectionLimits {
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxPerAddress < 1 || maxTotal < maxPerAddress) {
      throw new IllegalArgumentException("need 1 <= maxPerAddress <= maxTotal");
    }
  }
}

package dev.cognitocreds.daemon.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow and surplus connections from exhausting the daemon, without touching the hot path: it
 * only watches Jetty's per-connection counters (requests in, responses out, bytes in) from a sweep
 * that runs while connections are open, and acts on connections as they open.
 *
 * <ul>
 *   <li>A connection that has not delivered a complete request head within {@link
 *       ConnectionLimits#requestTimeout()} of its first byte (of opening, for its first request) is
 *       closed: a slowloris trickle, or silence after connecting. So is one whose request body is
 *       still arriving after that long. A request waiting for its answer (for Cognito) is not timed
 *       here; a body that stops arriving meets Jetty's idle timeout.
 *   <li>Every local process connects from 127.0.0.1, so a per-address cap alone would let one
 *       process lock out every other. When a new connection would exceed a cap, the guard first
 *       sheds a connection of the same address (for the total cap: of any address) that costs its
 *       owner nothing to lose: the one waiting longest for a complete request head (once it is
 *       late), else the one idle longest between requests (its client reconnects, as after any
 *       keep-alive timeout). Only when every connection is answering a request is the new one
 *       refused.
 * </ul>
 */
final class ConnectionGuard implements Connection.Listener {

  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final long NEVER = Long.MIN_VALUE;
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** What the sweep last saw of one connection. */
  private static final class Watched {
    final InetAddress address;
    long requests;
    long bytes;

    /** A request head was received and its answer is not written yet. */
    boolean answering;

    /** When the current request head was received. */
    long requestSince;

    /** When the next request head began to arrive, or NEVER. */
    long headSince;

    /** When the connection was last seen become idle between requests. */
    long idleSince;

    /** A request's body still arriving after the request timeout. */
    boolean lateBody;

    Watched(InetAddress address, long now) {
      this.address = address;
      this.headSince = now; // the first request's head is due within the timeout of the open
      this.idleSince = now;
    }

    boolean slow(long now, long timeout) {
      return lateBody || (headSince != NEVER && now - headSince > timeout);
    }

    /** When it began to be slow (for shedding the oldest first), or NEVER. */
    long waitingSince() {
      return lateBody ? requestSince : headSince;
    }
  }

  private final ConnectionLimits limits;
  private final Scheduler scheduler;
  private final long timeoutNanos;
  private final long sweepMillis;

  /** How long a request head may take before its connection is shed ahead of idle ones. */
  private final long graceNanos;

  /** Guarded by this. Insertion order = age, so the first candidate found is the oldest. */
  private final Map<Connection, Watched> open = new LinkedHashMap<>();

  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private boolean sweeping;
  private long slowClosed;
  private long shed;
  private long refused;
  private long lastLog = System.nanoTime() - LOG_EVERY_NANOS;

  ConnectionGuard(ConnectionLimits limits, Scheduler scheduler) {
    this.limits = limits;
    this.scheduler = scheduler;
    this.timeoutNanos = limits.requestTimeout().toNanos();
    // a slow connection is closed within the timeout plus one sweep
    this.sweepMillis = Math.max(20, Math.min(500, limits.requestTimeout().toMillis() / 5));
    // a head arrives in one write on loopback, well within a fifth of the timeout (1 s by default)
    this.graceNanos = timeoutNanos / 5;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = address(connection);
    long now = System.nanoTime();
    Connection victim = null;
    boolean refuse = false;
    synchronized (this) {
      int fromAddress = perAddress.getOrDefault(address, 0);
      if (fromAddress >= limits.maxPerAddress()) {
        victim = cheapestToLose(address, false, now);
      } else if (open.size() >= limits.maxTotal()) {
        victim = cheapestToLose(null, true, now);
      }
      if (victim != null) {
        forget(victim);
        shed++;
      } else if (fromAddress >= limits.maxPerAddress() || open.size() >= limits.maxTotal()) {
        refuse = true;
        refused++;
      }
      if (!refuse) {
        open.put(connection, new Watched(address, now));
        perAddress.merge(address, 1, Integer::sum);
        if (!sweeping) {
          sweeping = true;
          scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
        }
      }
    }
    if (victim != null) {
      victim.getEndPoint().close();
    }
    if (refuse) {
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    synchronized (this) {
      forget(connection);
    }
  }

  /** Connections open now (for the tests' view of the caps). */
  synchronized int openConnections() {
    return open.size();
  }

  private void forget(Connection connection) {
    Watched watched = open.remove(connection);
    if (watched != null) {
      perAddress.computeIfPresent(
          watched.address, (address, count) -> count > 1 ? count - 1 : null);
    }
  }

  /**
   * The connection of {@code address} (of any address when {@code anyAddress}) that costs its owner
   * least to lose: the one waiting longest for a complete request head, once it has waited longer
   * than a client on loopback needs to send one; else the one idle longest between requests; else
   * the one waiting longest for its head. A connection that opened a moment ago is waiting for its
   * head too, but its client has most likely written the request already: closing it answers that
   * request with nothing, while an idle connection is only reopened. Null when every one is
   * answering a request.
   */
  private Connection cheapestToLose(InetAddress address, boolean anyAddress, long now) {
    Connection slowest = null;
    long slowestSince = Long.MAX_VALUE;
    Connection idlest = null;
    long idlestSince = Long.MAX_VALUE;
    for (Map.Entry<Connection, Watched> entry : open.entrySet()) {
      Watched watched = entry.getValue();
      if (!anyAddress && !Objects.equals(address, watched.address)) {
        continue;
      }
      Connection connection = entry.getKey();
      look(connection, watched, now);
      long waiting = watched.waitingSince();
      if (waiting != NEVER) {
        if (waiting < slowestSince) {
          slowest = connection;
          slowestSince = waiting;
        }
      } else if (!watched.answering && watched.idleSince < idlestSince) {
        idlest = connection;
        idlestSince = watched.idleSince;
      }
    }
    if (slowest != null && (now - slowestSince > graceNanos || idlest == null)) {
      return slowest;
    }
    return idlest;
  }

  /** Updates what is known of a connection from Jetty's counters. */
  private void look(Connection connection, Watched watched, long now) {
    long requests = connection.getMessagesIn();
    long bytes = connection.getBytesIn();
    boolean arrived = bytes > watched.bytes;
    watched.bytes = bytes;
    if (requests != watched.requests) {
      watched.requests = requests;
      watched.requestSince = now;
      watched.headSince = NEVER;
      watched.answering = true;
      arrived = false;
    }
    if (connection.getMessagesOut() < requests) {
      watched.lateBody = watched.lateBody || (arrived && now - watched.requestSince > timeoutNanos);
    } else if (watched.answering) {
      // just answered: what arrives from here on is the next request
      watched.answering = false;
      watched.lateBody = false;
      watched.idleSince = now;
    } else if (arrived && watched.headSince == NEVER) {
      watched.headSince = now;
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Connection> slow = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<Connection, Watched> entry : open.entrySet()) {
        Watched watched = entry.getValue();
        look(entry.getKey(), watched, now);
        if (watched.slow(now, timeoutNanos)) {
          slow.add(entry.getKey());
        }
      }
      slow.forEach(this::forget);
      slowClosed += slow.size();
      if (open.isEmpty()) {
        sweeping = false;
      } else {
        scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
      }
      if (slowClosed + shed + refused > 0 && now - lastLog >= LOG_EVERY_NANOS) {
        log.warn(
            "closed {} connections that sent no complete request within {} ms, shed {} and refused"
                + " {} over the connection caps ({} per address, {} in all)",
            slowClosed,
            limits.requestTimeout().toMillis(),
            shed,
            refused,
            limits.maxPerAddress(),
            limits.maxTotal());
        slowClosed = 0;
        shed = 0;
        refused = 0;
        lastLog = now;
      }
    }
    slow.forEach(connection -> connection.getEndPoint().close());
  }

  private static InetAddress address(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}

package dev.cognitocreds.daemon.config;

import dev.cognitocreds.daemon.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the AWS config file in the background, twice per recheck interval, so the catalog never
 * needs a look when a request arrives. Without it the first request after a quiet second found a
 * look due and went to a worker thread for one stat, which is most requests of docker and podman:
 * they come a pull at a time. Its own thread: a stat that hangs (a home on a stalled network share)
 * then holds up nothing but this, and requests fall back to looking on a worker, as before.
 */
public final class CatalogLookAhead implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CatalogLookAhead.class);

  private final ScheduledExecutorService thread;

  private CatalogLookAhead(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  /** Starts looking at {@code catalog}'s file every half {@code recheck}. */
  public static CatalogLookAhead start(ProfileCatalog catalog, Duration recheck) {
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("config-look-ahead"));
    long every = Math.max(1, recheck.toMillis() / 2);
    thread.scheduleWithFixedDelay(
        () -> {
          try {
            catalog.lookedAtNow();
          } catch (RuntimeException e) {
            // the catalog reports what it cannot read itself; this only must not stop looking
            log.debug("looking at {}: {}", catalog.file(), e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return new CatalogLookAhead(thread);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}

package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.contract.Routes;
import java.time.Duration;
import java.util.Optional;

/** Waits for a freshly started daemon to answer, so {@code service install} can say it works. */
interface DaemonReadiness {

  /** The daemon's address once it answers {@code /healthz}, or empty when it did not in time. */
  Optional<String> await(Duration timeout);

  static DaemonReadiness of(DaemonClient daemon) {
    return timeout -> {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          if (daemon.get(Routes.HEALTH).ok()) {
            return Optional.of(daemon.endpoint().toString());
          }
        } catch (ClientException notYet) {
          // no endpoint file yet, or nothing listening yet
        }
        if (System.nanoTime() > deadline) {
          return Optional.empty();
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    };
  }
}

package dev.cognitocreds.localcognito;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Faults per operation name; {@code "*"} applies to every operation that has none of its own. */
public final class Faults {
  static final String ALL = "*";

  enum Outcome {
    PASS,
    THROTTLE,
    SERVER_ERROR,
    DROP
  }

  private record Active(Fault fault, Instant outageUntil) {}

  private final Map<String, Active> faults = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Random random;

  Faults(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  public void set(String operation, Fault fault) {
    faults.put(operation, new Active(fault, clock.instant().plusSeconds(fault.outageSeconds())));
    releaseHeldCalls();
  }

  public void clear() {
    faults.clear();
    releaseHeldCalls();
  }

  /**
   * Holds the call while its operation's fault says {@code hang}; returns once it no longer does.
   */
  void holdWhileHanging(String operation) throws InterruptedException {
    synchronized (faults) {
      while (hanging(operation)) {
        faults.wait();
      }
    }
  }

  private boolean hanging(String operation) {
    Active active = lookup(operation);
    return active != null && active.fault().hang();
  }

  private void releaseHeldCalls() {
    synchronized (faults) {
      faults.notifyAll();
    }
  }

  long latencyMs(String operation) {
    Active active = lookup(operation);
    return active == null ? 0 : active.fault().latencyMs();
  }

  Outcome outcome(String operation) {
    Active active = lookup(operation);
    if (active == null) {
      return Outcome.PASS;
    }
    Fault fault = active.fault();
    if (clock.instant().isBefore(active.outageUntil()) || hits(fault.dropRate())) {
      return Outcome.DROP;
    }
    if (hits(fault.throttleRate())) {
      return Outcome.THROTTLE;
    }
    if (hits(fault.serverErrorRate())) {
      return Outcome.SERVER_ERROR;
    }
    return Outcome.PASS;
  }

  private Active lookup(String operation) {
    Active own = faults.get(operation);
    return own != null ? own : faults.get(ALL);
  }

  private boolean hits(double rate) {
    synchronized (random) {
      return rate > 0 && random.nextDouble() < rate;
    }
  }
}

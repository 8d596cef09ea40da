package dev.cognitocreds.localcognito;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts calls per AWS operation (also the failed and fault-injected ones), for tests to assert on.
 */
public final class Calls {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void record(String operation) {
    counts.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
  }

  public long count(String operation) {
    AtomicLong count = counts.get(operation);
    return count == null ? 0 : count.get();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((operation, count) -> copy.put(operation, count.get()));
    return copy;
  }

  public void reset() {
    counts.clear();
  }
}

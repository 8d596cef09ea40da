package dev.cognitocreds.localcognito.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Random handles for short-lived things taken once: authorization codes, pending sign-in pages,
 * federation round trips. Taking a handle removes it, whether or not the caller then accepts what
 * it stood for, so a code can never be tried twice.
 */
public final class SingleUse<T> {
  private record Entry<T>(T value, Instant expires) {}

  private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  public SingleUse(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  public synchronized String put(T value) {
    dropExpired();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    entries.put(handle, new Entry<>(value, clock.instant().plus(lifetime)));
    return handle;
  }

  /** The value, once; empty when unknown, already taken or expired. */
  public synchronized Optional<T> take(String handle) {
    if (handle == null) {
      return Optional.empty();
    }
    Entry<T> entry = entries.remove(handle);
    if (entry == null || !clock.instant().isBefore(entry.expires())) {
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  private void dropExpired() {
    Instant now = clock.instant();
    for (Iterator<Entry<T>> it = entries.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().expires())) {
        it.remove();
      }
    }
  }
}

package dev.cognitocreds.daemon.store;

import java.util.Optional;

/**
 * Secrets kept by the OS (macOS Keychain, Secret Service on Linux), one per profile. Every call
 * either answers in bounded time or throws {@link java.io.UncheckedIOException} with a message that
 * names the entry, never its secret.
 */
public interface Keychain {

  Optional<String> read(String profile);

  void write(String profile, String secret);

  void delete(String profile);
}

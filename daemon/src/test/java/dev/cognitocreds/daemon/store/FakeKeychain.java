package dev.cognitocreds.daemon.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An OS keychain in memory; {@code locked} makes every call fail as a locked keychain's would. */
final class FakeKeychain implements Keychain {

  final Map<String, String> secrets = new ConcurrentHashMap<>();
  volatile boolean locked;

  @Override
  public Optional<String> read(String profile) {
    refuseWhenLocked();
    return Optional.ofNullable(secrets.get(profile));
  }

  @Override
  public void write(String profile, String secret) {
    refuseWhenLocked();
    secrets.put(profile, secret);
  }

  @Override
  public void delete(String profile) {
    refuseWhenLocked();
    secrets.remove(profile);
  }

  private void refuseWhenLocked() {
    if (locked) {
      throw new UncheckedIOException(
          new IOException("cannot use the keychain entry: no answer within 1500 ms"));
    }
  }
}

package dev.cognitocreds.daemon.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS keychain in memory; {@code locked} makes every call get no answer in time, as a locked
 * keychain's (or one on a machine too busy to start it) does.
 */
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
      throw new KeychainNoAnswerException(
          "cannot use the keychain entry: no answer within 1500 ms");
    }
  }
}

package dev.cognitocreds.daemon.store;

import java.util.Optional;

/**
 * Where signed-in profiles survive a restart. The file store is the first implementation; an OS
 * keychain store can take its place without the session layer noticing.
 */
public interface SessionStore {

  /** Short name shown in status, e.g. {@code file} or {@code keychain}. */
  String kind();

  Optional<StoredSession> load(String profile);

  void save(String profile, StoredSession session);

  void delete(String profile);
}

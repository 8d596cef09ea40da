package dev.cognitocreds.daemon.store;

import java.util.Optional;

/**
 * Where signed-in profiles survive a restart. The file store is the first implementation; an OS
 * keychain store can take its place without the session layer noticing.
 */
public interface SessionStore {

  /** Short name shown in status, e.g. {@code file} or {@code keychain}. */
  String kind();

  /**
   * Where the profile's refresh token is now, in {@link #kind()}'s words: a store may keep one
   * elsewhere for a while (the keychain store's private file while the keychain does not answer).
   */
  default String keptIn(String profile) {
    return kind();
  }

  /**
   * The profile's session; empty when there is none. Throws {@link UnreadableSessionException} when
   * one exists but cannot be read, {@link java.io.UncheckedIOException} when the store does not
   * answer.
   */
  Optional<StoredSession> load(String profile);

  void save(String profile, StoredSession session);

  void delete(String profile);
}

package dev.cognitocreds.daemon.store;

import java.util.Optional;

/** The session the store tests keep, with a refresh token they look for in files and keychains. */
final class Sessions {

  static final StoredSession ALICE =
      new StoredSession(
          "refresh-secret",
          "alice",
          "alice-sub",
          Optional.of("us-east-2:1111"),
          "us-east-2_AbC",
          "client");

  private Sessions() {}
}

package dev.cognitocreds.daemon.store;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions whose refresh token is in the OS keychain; the rest (username, sub, identity id, pool
 * and app client, none of it secret) stays in the profile's session file. A session the file store
 * wrote, token included, moves into the keychain the first time it is loaded.
 */
public final class KeychainSessionStore implements SessionStore {

  static final String KIND = "keychain";
  private static final Logger log = LoggerFactory.getLogger(KeychainSessionStore.class);

  private final Keychain keychain;
  private final FileSessionStore files;

  public KeychainSessionStore(Keychain keychain, FileSessionStore files) {
    this.keychain = keychain;
    this.files = files;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The session file holds the token itself while the keychain does not take it. */
  @Override
  public String keptIn(String profile) {
    try {
      return files.read(profile).filter(stored -> stored.refreshToken() != null).isPresent()
          ? files.kind()
          : KIND;
    } catch (RuntimeException unreadable) {
      return KIND;
    }
  }

  @Override
  public Optional<StoredSession> load(String profile) {
    return files
        .read(profile)
        .flatMap(
            stored -> {
              if (stored.refreshToken() != null) {
                return moveIntoKeychain(profile, stored);
              }
              Optional<String> token = keychain.read(profile);
              if (token.isEmpty()) {
                log.warn(
                    "the OS keychain has no refresh token for profile {}: sign in again", profile);
              }
              return token.flatMap(stored::toSession);
            });
  }

  /**
   * The token is in the keychain before the file loses it, so a crash in between leaves it in both
   * places and nothing is lost.
   */
  private Optional<StoredSession> moveIntoKeychain(
      String profile, FileSessionStore.SessionFile stored) {
    Optional<StoredSession> session = stored.toSession(stored.refreshToken());
    session.ifPresent(
        found -> {
          save(profile, found);
          log.info("profile {}: session moved from its file into the OS keychain", profile);
        });
    return session;
  }

  /**
   * Keychain first: the session file never points at a token the keychain does not have yet. A
   * keychain that stops answering (locked, its service gone) costs no session: the token goes into
   * the private session file, as where no keychain answers at start, and moves back into the
   * keychain the first time it is loaded with the keychain answering.
   */
  @Override
  public void save(String profile, StoredSession session) {
    try {
      keychain.write(profile, session.refreshToken());
    } catch (UncheckedIOException e) {
      log.warn(
          "profile {}: the OS keychain does not take the refresh token ({}); it is kept in the"
              + " private session file until the keychain answers again",
          profile,
          e.getMessage());
      files.save(profile, session);
      return;
    }
    files.write(profile, FileSessionStore.SessionFile.of(profile, session, null, KIND));
  }

  /**
   * Without its file the session is forgotten, even when the keychain cannot delete the token now.
   */
  @Override
  public void delete(String profile) {
    files.delete(profile);
    deleteToken(profile);
  }

  /** The profile's keychain entry only: its session file is another store's business. */
  void deleteToken(String profile) {
    try {
      keychain.delete(profile);
    } catch (UncheckedIOException e) {
      log.warn("profile {}: {}", profile, e.getMessage());
    }
  }
}

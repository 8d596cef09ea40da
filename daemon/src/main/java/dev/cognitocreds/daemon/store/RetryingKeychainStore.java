package dev.cognitocreds.daemon.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in 0600 files while the OS keychain, which did not answer the start-up probe in time, is
 * asked again; from its first answer on, sessions are kept in the keychain as if it had answered at
 * start. The keychain is asked only when a session is loaded or saved (a profile the daemon does
 * not hold in memory, a sign-in or a renewal; never a request served from cached credentials), at
 * most every {@link #FIRST_RETRY}, doubling up to {@link #LONGEST_RETRY} while it stays silent:
 * each try may leave a thread waiting on the keychain service.
 */
final class RetryingKeychainStore implements SessionStore {

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(RetryingKeychainStore.class);

  private final FileSessionStore files;
  private final Supplier<Keychain> opener;
  private final Clock clock;

  /** The keychain store once the keychain has answered; null before. */
  private volatile KeychainSessionStore keychain;

  // guarded by this
  private Instant nextTry;
  private Duration wait = FIRST_RETRY;

  /**
   * Profiles signed out while the keychain was silent whose token it holds: their entries are
   * deleted when it answers, so none outlives its session. Guarded by this; in memory only (a
   * restart before the keychain answers leaves the entry, of a token the sign-out revoked).
   */
  private final Set<String> tokensToDelete = new LinkedHashSet<>();

  RetryingKeychainStore(FileSessionStore files, Supplier<Keychain> opener, Clock clock) {
    this.files = files;
    this.opener = opener;
    this.clock = clock;
    this.nextTry = clock.instant().plus(FIRST_RETRY);
  }

  @Override
  public String kind() {
    return current().kind();
  }

  @Override
  public String keptIn(String profile) {
    return current().keptIn(profile);
  }

  /**
   * The profile's session, after asking the keychain again when it is time. While the keychain is
   * silent, a session whose token is kept there is a store that does not answer, not a sign-out.
   */
  @Override
  public Optional<StoredSession> load(String profile) {
    SessionStore store = retried();
    if (store == files) {
      Optional<FileSessionStore.SessionFile> file = files.read(profile);
      if (file.isPresent()
          && file.get().refreshToken() == null
          && KeychainSessionStore.KIND.equals(file.get().store())) {
        throw KeychainFailures.of(
            "its refresh token is kept in the OS keychain, which did not answer; the daemon"
                + " asks it again on the next request after "
                + nextTry());
      }
    }
    return store.load(profile);
  }

  /**
   * Into the keychain once it answers, else into the file. A save asks the keychain again when it
   * is time, as a load does, so a daemon whose profiles all stay in memory still moves their tokens
   * into the keychain at their next rotation. Saves come from a sign-in or a renewal, never from a
   * request served from cached credentials, so a try's wait is never on the hot path.
   */
  @Override
  public void save(String profile, StoredSession session) {
    retried().save(profile, session);
  }

  @Override
  public void delete(String profile) {
    synchronized (this) {
      if (keychain == null) {
        boolean inKeychain =
            files
                .read(profile)
                .filter(file -> KeychainSessionStore.KIND.equals(file.store()))
                .isPresent();
        if (inKeychain) {
          tokensToDelete.add(profile);
        }
      }
    }
    current().delete(profile);
  }

  private synchronized Instant nextTry() {
    return nextTry;
  }

  private SessionStore current() {
    KeychainSessionStore answered = keychain;
    return answered != null ? answered : files;
  }

  private synchronized SessionStore retried() {
    if (keychain != null || clock.instant().isBefore(nextTry)) {
      return current();
    }
    try {
      Optional<KeychainSessionStore> found = SessionStores.probe(files, opener);
      if (found.isPresent()) {
        keychain = found.get();
        log.info(
            "the OS keychain answers now: refresh tokens are kept in it (a session kept in a file"
                + " moves into it when it is next loaded)");
        for (String profile : tokensToDelete) {
          keychain.deleteToken(profile);
          log.info("profile {}: the refresh token of its signed-out session deleted", profile);
        }
        tokensToDelete.clear();
        return keychain;
      }
      log.info("the OS keychain did not return what was stored in it: sessions stay in files");
    } catch (RuntimeException | LinkageError e) {
      log.info(
          "the OS keychain still does not answer ({}): asked again in {} s",
          e.getMessage(),
          scheduleNextTry().toSeconds());
      return files;
    }
    scheduleNextTry();
    return files;
  }

  /** Schedules the next try, each one further off than the last. Guarded by this. */
  private Duration scheduleNextTry() {
    Duration scheduled = wait;
    nextTry = clock.instant().plus(scheduled);
    Duration doubled = wait.multipliedBy(2);
    wait = doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
    return scheduled;
  }
}

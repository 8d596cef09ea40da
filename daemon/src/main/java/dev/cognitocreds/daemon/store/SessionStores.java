package dev.cognitocreds.daemon.store;

import dev.cognitocreds.contract.Platform;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where sessions are kept: the OS keychain where one answers, 0600 files otherwise. */
public final class SessionStores {

  private static final Logger log = LoggerFactory.getLogger(SessionStores.class);

  /**
   * Per keychain call: long enough for D-Bus to start gnome-keyring, short enough not to hold up
   * start-up, which waits for the probe, nor a request, when a locked keychain waits for a person.
   */
  static final Duration KEYCHAIN_TIMEOUT = Duration.ofMillis(1500);

  /**
   * Milliseconds per keychain call instead of {@link #KEYCHAIN_TIMEOUT}: on a machine so busy that
   * loading the keychain code and connecting to D-Bus takes longer, the probe gives up and the
   * daemon keeps sessions in files until the keychain answers one of its later tries.
   */
  static final String TIMEOUT_VARIABLE = "COGNITO_CREDS_KEYCHAIN_TIMEOUT_MS";

  private static final long LONGEST_TIMEOUT_MS = 60_000;

  /** Not a valid profile name (profiles cannot hold spaces), so it never meets a real session. */
  static final String PROBE = "cognito-creds probe";

  private SessionStores() {}

  /**
   * The keychain store when this machine may have a keychain (macOS, or a D-Bus session on Linux)
   * and it really answers; otherwise the file store, without loading any keychain code.
   */
  public static SessionStore open(
      Path sessionsDir, Map<String, String> env, String osName, Clock clock) {
    FileSessionStore files = new FileSessionStore(sessionsDir);
    boolean mac = Platform.isMacOs(osName);
    String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
    if (!mac && (bus == null || bus.isBlank())) {
      log.info(
          "sessions are kept in 0600 files under {} (no D-Bus session, so no Secret Service)",
          sessionsDir);
      return files;
    }
    return choose(
        files,
        () ->
            JavaKeyringKeychain.open(
                "cognito-creds:" + sessionsDir.toAbsolutePath(), keychainTimeout(env)),
        clock);
  }

  /** {@link #TIMEOUT_VARIABLE} when it is a whole number of milliseconds in range, else default. */
  static Duration keychainTimeout(Map<String, String> env) {
    String value = env.get(TIMEOUT_VARIABLE);
    if (value == null || value.isBlank()) {
      return KEYCHAIN_TIMEOUT;
    }
    try {
      long millis = Long.parseLong(value.trim());
      if (millis > 0 && millis <= LONGEST_TIMEOUT_MS) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    log.warn(
        "{}={} is not a number of milliseconds from 1 to {}: each keychain call gets {} ms",
        TIMEOUT_VARIABLE,
        value,
        LONGEST_TIMEOUT_MS,
        KEYCHAIN_TIMEOUT.toMillis());
    return KEYCHAIN_TIMEOUT;
  }

  /**
   * The keychain store when {@code opener}'s keychain stores, returns and deletes a probe secret; a
   * keychain that does not answer in time is asked again later ({@link RetryingKeychainStore}).
   */
  static SessionStore choose(FileSessionStore files, Supplier<Keychain> opener, Clock clock) {
    try {
      Optional<KeychainSessionStore> keychain = probe(files, opener);
      if (keychain.isPresent()) {
        log.info("refresh tokens are kept in the OS keychain");
        return keychain.get();
      }
      log.info(
          "the OS keychain did not return what was stored in it: sessions are kept in 0600 files");
    } catch (KeychainNoAnswerException e) {
      log.warn(
          "the OS keychain did not answer in time ({}): sessions are kept in 0600 files, and the"
              + " keychain is asked again when a session is loaded or saved, after {} s at first and less"
              + " often while it stays silent ({} gives each keychain call longer)",
          e.getMessage(),
          RetryingKeychainStore.FIRST_RETRY.toSeconds(),
          TIMEOUT_VARIABLE);
      return new RetryingKeychainStore(files, opener, clock);
    } catch (RuntimeException | LinkageError e) {
      log.info("no OS keychain answers ({}): sessions are kept in 0600 files", e.getMessage());
    }
    return files;
  }

  /**
   * The keychain store when {@code opener}'s keychain stores, returns and deletes a probe secret;
   * empty when it returns something else; throws when it fails or does not answer.
   */
  static Optional<KeychainSessionStore> probe(FileSessionStore files, Supplier<Keychain> opener) {
    Keychain keychain = opener.get();
    String probe = UUID.randomUUID().toString();
    keychain.write(PROBE, probe);
    Optional<String> back = keychain.read(PROBE);
    keychain.delete(PROBE);
    return back.isPresent() && back.get().equals(probe)
        ? Optional.of(new KeychainSessionStore(keychain, files))
        : Optional.empty();
  }
}

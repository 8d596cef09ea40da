package dev.cognitocreds.daemon.store;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.cognitocreds.daemon.DaemonThreads;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OS keychain through java-keyring. A locked keychain may wait for a person to unlock it, so
 * every call runs on one thread of its own and gives up after {@code timeout}: the daemon never
 * hangs on it. Entries are named by service {@code cognito-creds:<sessions folder>} (so two
 * installations of one user never share them) and account = profile.
 */
final class JavaKeyringKeychain implements Keychain {

  private final Keyring keyring;
  private final String service;
  private final Duration timeout;
  private final ExecutorService thread;

  private JavaKeyringKeychain(
      Keyring keyring, String service, Duration timeout, ExecutorService thread) {
    this.keyring = keyring;
    this.service = service;
    this.timeout = timeout;
    this.thread = thread;
  }

  /** Opens the OS keychain on its own thread, within {@code timeout}; fails when none answers. */
  static JavaKeyringKeychain open(String service, Duration timeout) {
    ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("keychain"));
    try {
      Keyring keyring = bounded(thread, timeout, "open the OS keychain", Keyring::create);
      return new JavaKeyringKeychain(keyring, service, timeout, thread);
    } catch (UncheckedIOException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  @Override
  public Optional<String> read(String profile) {
    return bounded(
        thread,
        timeout,
        "read " + entry(profile),
        () -> {
          try {
            return Optional.ofNullable(keyring.getPassword(service, profile));
          } catch (PasswordAccessException e) {
            // java-keyring says "not found" and "refused" alike; the caller treats both as no
            // session
            return Optional.<String>empty();
          }
        });
  }

  @Override
  public void write(String profile, String secret) {
    bounded(
        thread,
        timeout,
        "write " + entry(profile),
        () -> {
          keyring.setPassword(service, profile, secret);
          return null;
        });
  }

  @Override
  public void delete(String profile) {
    bounded(
        thread,
        timeout,
        "delete " + entry(profile),
        () -> {
          try {
            keyring.deletePassword(service, profile);
          } catch (PasswordAccessException e) {
            // nothing to delete
          }
          return null;
        });
  }

  private String entry(String profile) {
    return "the keychain entry " + service + " / " + profile;
  }

  private static <T> T bounded(
      ExecutorService thread, Duration timeout, String what, Callable<T> call) {
    Future<T> result = thread.submit(call);
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new KeychainNoAnswerException(
          "cannot "
              + what
              + ": no answer within "
              + timeout.toMillis()
              + " ms (is the keychain locked?)");
    } catch (ExecutionException e) {
      // the cause's message is java-keyring's or D-Bus's, never the secret
      Throwable cause = e.getCause();
      throw KeychainFailures.of(
          "cannot "
              + what
              + ": "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KeychainFailures.of("cannot " + what + ": interrupted");
    }
  }
}

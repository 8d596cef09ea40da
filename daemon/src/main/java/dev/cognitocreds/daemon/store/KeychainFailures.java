package dev.cognitocreds.daemon.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The keychain's failures carry the sentence itself as their message: warnings, status and the
 * StoreUnavailable answer quote it, and an UncheckedIOException built from its cause alone would
 * prefix it with "java.io.IOException: ".
 */
final class KeychainFailures {

  private KeychainFailures() {}

  static UncheckedIOException of(String message) {
    return new UncheckedIOException(message, new IOException(message));
  }
}

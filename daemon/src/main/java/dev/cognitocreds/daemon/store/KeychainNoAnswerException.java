package dev.cognitocreds.daemon.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A keychain call that got no answer in time (a locked keychain waiting for a person, a machine too
 * busy to start the keychain service): unlike a machine without a keychain, it may answer later.
 */
final class KeychainNoAnswerException extends UncheckedIOException {

  KeychainNoAnswerException(String message) {
    // the sentence as the message, as KeychainFailures gives every other keychain failure
    super(message, new IOException(message));
  }
}

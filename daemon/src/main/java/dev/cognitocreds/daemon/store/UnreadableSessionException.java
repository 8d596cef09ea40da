package dev.cognitocreds.daemon.store;

/**
 * A profile's stored session exists but cannot be read (a damaged file). The message names the
 * file, never its content; the profile is signed out until it signs in again, which replaces it.
 */
public final class UnreadableSessionException extends RuntimeException {

  UnreadableSessionException(String message) {
    super(message, null, false, false);
  }
}

package dev.cognitocreds.publisher.setup;

/** A command needs a part of the setup that neither the options nor the onboarding file name. */
public final class SetupMissingException extends RuntimeException {
  public SetupMissingException(String message) {
    super(message, null, false, false);
  }
}

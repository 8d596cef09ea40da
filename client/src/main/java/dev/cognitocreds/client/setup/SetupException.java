package dev.cognitocreds.client.setup;

/** A setup step that cannot go on; the message says what to do about it. */
class SetupException extends RuntimeException {
    SetupException(String message) {
        super(message);
    }

    SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

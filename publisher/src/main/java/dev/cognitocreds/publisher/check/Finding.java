package dev.cognitocreds.publisher.check;

/**
 * One mistake in a deployed setup: what it is ({@code id}, stable for scripts), how bad, where,
 * why, and how to fix it.
 */
public record Finding(String id, Severity severity, String resource, String message, String fix) {

  public enum Severity {
    /** Someone gets access they should not have, or could give it to themself. */
    UNSAFE,
    /** Worth changing; nobody gets more than they should. */
    ADVICE;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Finding unsafe(String id, String resource, String message, String fix) {
    return new Finding(id, Severity.UNSAFE, resource, message, fix);
  }

  static Finding advice(String id, String resource, String message, String fix) {
    return new Finding(id, Severity.ADVICE, resource, message, fix);
  }
}

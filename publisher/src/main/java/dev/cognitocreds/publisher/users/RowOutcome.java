package dev.cognitocreds.publisher.users;

/** What importing one line did. */
public record RowOutcome(int line, String username, Result result, String detail) {

  public enum Result {
    CREATED,
    UNCHANGED,
    FAILED
  }
}

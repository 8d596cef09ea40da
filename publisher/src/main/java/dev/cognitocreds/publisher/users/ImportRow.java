package dev.cognitocreds.publisher.users;

import java.util.Map;
import java.util.Optional;

/** One line of the import file: a user to create, or the reason the line cannot be used. */
public record ImportRow(
    int line,
    String username,
    String email,
    boolean licensed,
    Map<String, String> attributes,
    Optional<String> problem) {

  public ImportRow {
    attributes = Map.copyOf(attributes);
  }

  static ImportRow good(
      int line, String username, String email, boolean licensed, Map<String, String> attributes) {
    return new ImportRow(line, username, email, licensed, attributes, Optional.empty());
  }

  static ImportRow bad(int line, String username, String problem) {
    return new ImportRow(line, username, "", false, Map.of(), Optional.of(problem));
  }
}

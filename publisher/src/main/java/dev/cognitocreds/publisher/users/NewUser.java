package dev.cognitocreds.publisher.users;

import java.util.Map;

/** A user to create: the attributes beyond e-mail and licence are given by name. */
public record NewUser(
    String username, String email, boolean licensed, Map<String, String> attributes) {

  public NewUser {
    attributes = Map.copyOf(attributes);
  }
}

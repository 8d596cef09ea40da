package dev.cognitocreds.client.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing the sign-in conversation asks the person (an entry of {@code fields[]} in
 * docs/protocol.md): a name to answer under, a label to show, and how to ask.
 */
public record ChallengeField(
    String name, String label, boolean secret, boolean confirm, List<Choice> choices) {

  /** One entry of a pick list: the value sent back and what the person reads. */
  public record Choice(String value, String label) {}

  static ChallengeField fromJson(JsonNode field) {
    String name = field.path("name").asText();
    String label = field.path("label").asText(name);
    List<Choice> choices = new ArrayList<>();
    for (JsonNode choice : field.path("choices")) {
      if (choice.isObject()) {
        String value = choice.path("value").asText();
        choices.add(new Choice(value, choice.path("label").asText(value)));
      } else {
        choices.add(new Choice(choice.asText(), choice.asText()));
      }
    }
    return new ChallengeField(
        name,
        label.isBlank() ? name : label,
        field.path("secret").asBoolean(false),
        field.path("confirm").asBoolean(false),
        List.copyOf(choices));
  }

  boolean hasChoices() {
    return !choices.isEmpty();
  }

  /**
   * The choice's value for an answer given as the value itself or as its 1-based number; null if
   * neither.
   */
  String pick(String answer) {
    String trimmed = answer.strip();
    for (Choice choice : choices) {
      if (choice.value().equals(trimmed)) {
        return choice.value();
      }
    }
    try {
      int index = Integer.parseInt(trimmed);
      return index >= 1 && index <= choices.size() ? choices.get(index - 1).value() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

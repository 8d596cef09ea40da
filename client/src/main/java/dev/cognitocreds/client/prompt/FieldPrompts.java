package dev.cognitocreds.client.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asks the person each entry of a daemon answer's {@code fields}, in order: field name → answer.
 */
public final class FieldPrompts {

  private FieldPrompts() {}

  public static ObjectNode ask(JsonNode fields, AnswerSource answers) {
    ObjectNode replies = JsonNodeFactory.instance.objectNode();
    for (JsonNode field : fields) {
      ChallengeField asked = ChallengeField.fromJson(field);
      replies.put(asked.name(), answers.answer(asked));
    }
    return replies;
  }
}

package dev.cognitocreds.publisher.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement of an IAM policy document, with IAM's "a string or a list of strings" members read
 * as lists.
 */
record PolicyStatement(
    String effect,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    JsonNode principal,
    JsonNode condition) {

  static List<PolicyStatement> of(JsonNode document) {
    List<PolicyStatement> statements = new ArrayList<>();
    JsonNode list = document.path("Statement");
    if (list.isObject()) {
      statements.add(statement(list));
    } else {
      list.forEach(s -> statements.add(statement(s)));
    }
    return statements;
  }

  boolean allows() {
    return "Allow".equals(effect);
  }

  /** The condition's values for {@code key} under operator {@code operator}, else empty. */
  List<String> conditionValues(String operator, String key) {
    JsonNode byKey = condition.path(operator);
    var names = byKey.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.equalsIgnoreCase(key)) {
        return strings(byKey.get(name));
      }
    }
    return List.of();
  }

  /** Values of {@code key} under any of the operators. */
  List<String> conditionValues(List<String> operators, String key) {
    List<String> values = new ArrayList<>();
    operators.forEach(op -> values.addAll(conditionValues(op, key)));
    return values;
  }

  /** The principals of type {@code type} ("Federated", "AWS", "Service"), or ["*"] for "*". */
  List<String> principals(String type) {
    if (principal.isTextual()) {
      return List.of(principal.asText());
    }
    return strings(principal.path(type));
  }

  private static PolicyStatement statement(JsonNode node) {
    boolean notAction = node.has("NotAction");
    boolean notResource = node.has("NotResource");
    return new PolicyStatement(
        node.path("Effect").asText(),
        strings(node.path(notAction ? "NotAction" : "Action")),
        notAction,
        strings(node.path(notResource ? "NotResource" : "Resource")),
        notResource,
        node.path("Principal"),
        node.path("Condition"));
  }

  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}

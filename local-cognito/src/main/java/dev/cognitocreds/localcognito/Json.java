package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading AWS request members and building response members, with Cognito's validation errors. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static String required(JsonNode request, String member) {
    return optional(request, member)
        .orElseThrow(
            () ->
                CognitoException.invalidParameter(
                    "1 validation error detected: Value at '"
                        + lowerFirst(member)
                        + "' failed to satisfy constraint: Member must not be null"));
  }

  public static Optional<String> optional(JsonNode request, String member) {
    JsonNode value = request == null ? null : request.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  public static Map<String, String> stringMap(JsonNode request, String member) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode value = request == null ? null : request.get(member);
    if (value != null && value.isObject()) {
      value.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  public static List<String> stringList(JsonNode request, String member) {
    JsonNode value = request == null ? null : request.get(member);
    if (value == null || !value.isArray()) {
      return List.of();
    }
    return MAPPER.convertValue(
        value, MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  public static ObjectNode stringMapNode(Map<String, String> map) {
    ObjectNode node = object();
    map.forEach(node::put);
    return node;
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}

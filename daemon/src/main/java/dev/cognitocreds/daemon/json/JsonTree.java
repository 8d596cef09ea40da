package dev.cognitocreds.daemon.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into plain values with Jackson's streaming parser: objects as maps in member order,
 * arrays as lists, strings, numbers, booleans and nulls. What the daemon reads (request bodies,
 * session files, token claims, challenge parameters) is small and read whole, so a tree is the
 * simplest form; data binding would keep some 450 classes in memory for it.
 *
 * <p>A failure never carries the parser's message: Jackson quotes the offending text, and that text
 * can be a password or a refresh token. It says where the document broke instead.
 */
public final class JsonTree {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  /**
   * The document's one value; empty input, broken JSON or anything after the value is an
   * IOException.
   */
  public static Object read(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new IOException("no JSON value");
      }
      Object value = value(parser);
      if (parser.nextToken() != null) {
        throw new IOException(
            "more than one JSON value, the second at " + where(parser.currentLocation()));
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IOException("not valid JSON at " + where(e.getLocation()));
    }
  }

  /** The document as an object; any other value is an IOException. */
  public static Map<String, Object> object(byte[] json) throws IOException {
    if (read(json) instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = (Map<String, Object>) map;
      return members;
    }
    throw new IOException("not a JSON object");
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          members.put(name, value(parser));
        }
        return members;
      }
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser));
        }
        return items;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return null;
      }
      default ->
          throw new IOException("unexpected " + token + " at " + where(parser.currentLocation()));
    }
  }

  private static String where(JsonLocation location) {
    return location == null
        ? "an unknown place"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}

package dev.cognitocreds.daemon.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.json.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON in and out of the routes, with Jackson's streaming API only: the answers are maps, lists and
 * scalars, and the data-binding layer (some 450 classes kept in memory) bought nothing for them.
 */
final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** A value made of maps, iterables, strings, numbers, booleans and nulls, as compact JSON. */
  static byte[] bytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      generator.writeStartArray();
      for (Object item : items) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  static byte[] error(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    return bytes(body);
  }

  /** The request body as a JSON object; an empty body (or {@code null}) is an empty object. */
  static Map<String, Object> object(byte[] body) {
    if (body.length == 0) {
      return Map.of();
    }
    Object parsed;
    try {
      parsed = JsonTree.read(body);
    } catch (IOException e) {
      throw notAnObject();
    }
    if (parsed == null) {
      return Map.of();
    }
    if (parsed instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = (Map<String, Object>) map;
      return members;
    }
    throw notAnObject();
  }

  private static ApiError notAnObject() {
    return new ApiError(400, ErrorCodes.BAD_REQUEST, "the request body is not a JSON object");
  }

  /** RFC 3339 in UTC, whole seconds, as SDKs expect in {@code Expiration}. */
  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

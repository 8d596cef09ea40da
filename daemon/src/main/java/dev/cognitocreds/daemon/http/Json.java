package dev.cognitocreds.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out of the routes. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return bytes(body);
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    static Map<String, Object> object(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = MAPPER.readValue(body, new TypeReference<Map<String, Object>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (IOException e) {
            // never Jackson's message: it quotes the body, which may hold a password
            throw new ApiError(400, "BadRequest", "the request body is not a JSON object");
        }
    }

    /** RFC 3339 in UTC, whole seconds, as SDKs expect in {@code Expiration}. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

package dev.cognitocreds.localcognito.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, before any decoding: what a SigV4 signature covers.
 *
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 * @param headers every header by lower-case name, each with all of its values in order
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public SignedRequest {
    Map<String, List<String>> byLowerCaseName = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            byLowerCaseName
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    headers = byLowerCaseName;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  /** The header's values joined by commas, as the canonical request lists them; null if absent. */
  String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }
}

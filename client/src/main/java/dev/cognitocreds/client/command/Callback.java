package dev.cognitocreds.client.command;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One arrival at the redirect address: its query parameters ({@code code}, {@code state}, or {@code
 * error}), from the listener (with a page to answer) or pasted (no page).
 */
record Callback(Map<String, String> parameters, Page page) {

  /** The browser's page for this arrival. */
  interface Page {
    void show(int status, String title, String text);
  }

  /** A pasted address; null when the line is not an address with a query. */
  static Callback pasted(String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      URI uri = URI.create(text);
      if (uri.getRawQuery() == null) {
        return null;
      }
      return new Callback(parameters(uri.getRawQuery()), (status, title, message) -> {});
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        parameters.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // a broken escape: that parameter is left out
      }
    }
    return parameters;
  }

  String get(String name) {
    return parameters.get(name);
  }
}

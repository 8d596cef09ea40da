package dev.cognitocreds.publisher.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the import file: a header {@code username,email,licensed} (in any order; other columns are
 * user attributes by name) and one user per line. RFC 4180 quoting, so a value may hold a comma. A
 * row that cannot be used becomes a {@link ImportRow} with its problem, never an exception: each
 * row stands alone.
 */
public final class CsvRows {

  public static final List<String> REQUIRED = List.of("username", "email", "licensed");

  private CsvRows() {}

  /** The rows of {@code text}; the header's problems throw, since then no row can be read. */
  public static List<ImportRow> parse(String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(
          "the file is empty: its first line must be the header username,email,licensed");
    }
    List<String> header;
    try {
      header = fields(stripBom(lines.get(0))).stream().map(String::trim).toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line 1 (the header): " + e.getMessage());
    }
    for (String column : REQUIRED) {
      if (!header.contains(column)) {
        throw new IllegalArgumentException(
            "line 1 (the header) has no '"
                + column
                + "' column: it must name username,email,licensed");
      }
    }
    List<ImportRow> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      rows.add(row(i + 1, header, line));
    }
    return rows;
  }

  private static ImportRow row(int lineNumber, List<String> header, String line) {
    List<String> values;
    try {
      values = fields(line);
    } catch (IllegalArgumentException e) {
      return ImportRow.bad(lineNumber, "", e.getMessage());
    }
    String username = values.isEmpty() ? "" : value(header, values, "username");
    if (values.size() != header.size()) {
      return ImportRow.bad(
          lineNumber, username, values.size() + " fields where the header has " + header.size());
    }
    if (username.isEmpty()) {
      return ImportRow.bad(lineNumber, username, "no username");
    }
    String email = value(header, values, "email");
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return ImportRow.bad(lineNumber, username, "'" + email + "' is not an e-mail address");
    }
    String licensed = value(header, values, "licensed").toLowerCase(Locale.ROOT);
    if (!licensed.equals("true") && !licensed.equals("false")) {
      return ImportRow.bad(
          lineNumber, username, "licensed is '" + licensed + "': write true or false");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String column = header.get(c);
      if (!REQUIRED.contains(column) && !values.get(c).isEmpty()) {
        attributes.put(column, values.get(c));
      }
    }
    return ImportRow.good(lineNumber, username, email, licensed.equals("true"), attributes);
  }

  private static String value(List<String> header, List<String> values, String column) {
    int index = header.indexOf(column);
    return index < values.size() ? values.get(index).trim() : "";
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** The fields of one line; quotes as RFC 4180 (a doubled quote inside a quoted field). */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c != '\r') {
        if (wasQuoted && !Character.isWhitespace(c)) {
          throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
        }
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quote is not closed");
    }
    fields.add(field.toString());
    return fields;
  }
}

package dev.cognitocreds.e2e.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a block of {@code export NAME=value} lines sets, as {@code eval "$(cognito-creds
 * env)"} would.
 */
public final class ShellExports {

  private static final Pattern EXPORT =
      Pattern.compile("^export\\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

  private ShellExports() {}

  /** {@code home} stands in for a leading {@code ~}, which the shell expands in an assignment. */
  public static Map<String, String> parse(String script, Path home) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : script.split("\\R", -1)) {
      Matcher export = EXPORT.matcher(line.strip());
      if (export.matches()) {
        String value = unquote(export.group(2).strip());
        variables.put(
            export.group(1),
            value.startsWith("~/") ? home.resolve(value.substring(2)).toString() : value);
      }
    }
    return variables;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("'") && value.endsWith("'"))
            || (value.startsWith("\"") && value.endsWith("\"")))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}

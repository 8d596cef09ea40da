package dev.cognitocreds.client.command;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How a shell sets and removes an environment variable, with values quoted so the shell takes them
 * literally (paths with spaces or quotes included).
 */
enum ShellSyntax {
  /** POSIX sh and its kin: bash, zsh, ksh, dash. */
  SH("export %s=%s", "unset %s", v -> v.replace("'", "'\\''")),
  /** Inside fish's single quotes only the backslash and the quote itself are escaped. */
  FISH("set -gx %s %s", "set -e %s", v -> v.replace("\\", "\\\\").replace("'", "\\'")),
  /** csh and tcsh, which expand history even inside single quotes. */
  CSH("setenv %s %s;", "unsetenv %s;", v -> v.replace("'", "'\\''").replace("!", "\\!"));

  static final String NAMES = "sh (also bash, zsh, ksh, dash), fish, csh (also tcsh)";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private final String exportFormat;
  private final String unsetFormat;
  private final UnaryOperator<String> escapeInSingleQuotes;

  ShellSyntax(String exportFormat, String unsetFormat, UnaryOperator<String> escapeInSingleQuotes) {
    this.exportFormat = exportFormat;
    this.unsetFormat = unsetFormat;
    this.escapeInSingleQuotes = escapeInSingleQuotes;
  }

  String export(String name, String value) {
    return String.format(exportFormat, name, quoted(value));
  }

  String unset(String name) {
    return String.format(unsetFormat, name);
  }

  /** The syntax for a shell's name as {@code --shell} takes it, or a usage error. */
  static ShellSyntax named(String shell) {
    return switch (shell.toLowerCase(Locale.ROOT)) {
      case "sh", "bash", "zsh", "ksh", "dash" -> SH;
      case "fish" -> FISH;
      case "csh", "tcsh" -> CSH;
      default ->
          throw new ClientException(
              ExitCodes.USAGE, "unknown shell " + shell + "; --shell takes " + NAMES);
    };
  }

  private String quoted(String value) {
    return SAFE.matcher(value).matches() ? value : "'" + escapeInSingleQuotes.apply(value) + "'";
  }
}

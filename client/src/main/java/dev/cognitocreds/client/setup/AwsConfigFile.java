package dev.cognitocreds.client.setup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets keys of one profile in an AWS config file by editing single lines, so every other profile,
 * comment, blank line, key and line ending stays byte for byte as the person wrote it.
 */
final class AwsConfigFile {

  /**
   * {@code [default]}, {@code [profile NAME]}, and other kinds such as {@code [sso-session NAME]}.
   */
  private static final Pattern SECTION =
      Pattern.compile("^\\[\\s*(?:([^\\]\\s]+)\\s+)?([^\\]\\s]+)\\s*\\]\\s*(?:[#;].*)?$");

  private static final Pattern PROPERTY = Pattern.compile("^([^\\s=#;\\[][^=]*?)\\s*=.*$");

  /**
   * Keys whose old value is not printed when it is replaced: the one-shot tools this product
   * replaces put the password into the credential_process line.
   */
  static final Set<String> OLD_VALUE_HIDDEN = Set.of("credential_process");

  /** The file's lines, each with its own line terminator (the last one may have none). */
  private final List<String> raw;

  private final String newline;

  private AwsConfigFile(String text) {
    raw = new ArrayList<>();
    Matcher m = Pattern.compile("[^\n]*\n|[^\n]+$").matcher(text);
    while (m.find()) {
      raw.add(m.group());
    }
    newline = text.contains("\r\n") ? "\r\n" : "\n";
  }

  /** The header line AWS tools expect: {@code [default]} or {@code [profile NAME]}. */
  static String header(String profile) {
    return "default".equals(profile) ? "[default]" : "[profile " + profile + "]";
  }

  /**
   * @param settings key to value, in the order new keys are written
   * @param secretKeys keys whose values are never printed
   */
  static FileEdit plan(
      Path file, String profile, Map<String, String> settings, Set<String> secretKeys) {
    byte[] before = SafeFileWriter.readIfExists(file);
    AwsConfigFile config =
        new AwsConfigFile(before == null ? "" : new String(before, StandardCharsets.UTF_8));
    config.validate(file);
    List<String> changes = config.set(profile, settings, secretKeys);
    if (changes.isEmpty()) {
      return new FileEdit(file, before, before, changes);
    }
    return new FileEdit(
        file,
        before,
        String.join("", config.raw).getBytes(StandardCharsets.UTF_8),
        changes.stream().map(c -> header(profile) + " " + c).toList());
  }

  /**
   * Every profile's keys as AWS tools read them (later sections and lines win), in file order;
   * empty when the file does not exist. Continuation lines are not part of the values.
   */
  static Map<String, Map<String, String>> read(Path file) {
    byte[] content = SafeFileWriter.readIfExists(file);
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    if (content == null) {
      return profiles;
    }
    AwsConfigFile config = new AwsConfigFile(new String(content, StandardCharsets.UTF_8));
    config.validate(file);
    Map<String, String> current = null;
    for (int i = 0; i < config.raw.size(); i++) {
      String line = config.line(i);
      Matcher m = SECTION.matcher(line.strip());
      if (m.matches()) {
        current =
            isProfile(m, m.group(2))
                ? profiles.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>())
                : null;
      } else if (current != null && keyOf(line) != null) {
        current.put(keyOf(line), valueOf(line));
      }
    }
    return profiles;
  }

  private List<String> set(String profile, Map<String, String> settings, Set<String> secretKeys) {
    List<String> changes = new ArrayList<>();
    List<int[]> sections = sections(profile);
    if (sections.isEmpty()) {
      List<String> added = new ArrayList<>();
      if (!raw.isEmpty() && !line(raw.size() - 1).isBlank()) {
        added.add("");
      }
      added.add(header(profile));
      settings.forEach(
          (k, v) -> {
            added.add(k + " = " + v);
            changes.add("+ " + k + " = " + shown(k, v, secretKeys));
          });
      insert(raw.size(), added);
      return changes;
    }
    int[] section = sections.get(sections.size() - 1);
    Map<String, String> missing = new LinkedHashMap<>(settings);
    int insertAt = section[0] + 1;
    for (int i = section[0] + 1; i < section[1]; i++) {
      String key = keyOf(line(i));
      if (key == null) {
        continue;
      }
      int end = endOfProperty(i, section[1]);
      insertAt = end;
      // A key repeated in the section is set at every occurrence: AWS tools read the last one.
      if (!settings.containsKey(key)) {
        continue;
      }
      missing.remove(key);
      String value = settings.get(key);
      if (end == i + 1 && valueOf(line(i)).equals(value)) {
        continue;
      }
      String old =
          OLD_VALUE_HIDDEN.contains(key) ? "(hidden)" : shown(key, valueOf(line(i)), secretKeys);
      changes.add("~ " + key + ": " + old + " -> " + shown(key, value, secretKeys));
      raw.subList(i + 1, end).clear();
      section[1] -= end - (i + 1);
      raw.set(i, key + " = " + value + terminator(raw.get(i)));
      insertAt = i + 1;
    }
    List<String> added = new ArrayList<>();
    missing.forEach(
        (k, v) -> {
          added.add(k + " = " + v);
          changes.add("+ " + k + " = " + shown(k, v, secretKeys));
        });
    insert(insertAt, added);
    return changes;
  }

  private void insert(int at, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    if (at > 0 && terminator(raw.get(at - 1)).isEmpty()) {
      raw.set(at - 1, raw.get(at - 1) + newline);
    }
    List<String> terminated = lines.stream().map(l -> l + newline).toList();
    raw.addAll(at, terminated);
  }

  /** Refuses what the AWS SDKs would reject, so a file we might misread is never rewritten. */
  private void validate(Path file) {
    boolean afterProperty = false;
    for (int i = 0; i < raw.size(); i++) {
      String line = line(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && afterProperty) {
        continue;
      }
      if (trimmed.startsWith("[")) {
        if (!SECTION.matcher(trimmed).matches()) {
          throw unparsable(
              file, i, line, "a section header must look like [profile NAME] or [default]");
        }
        afterProperty = false;
      } else if (keyOf(line) != null) {
        afterProperty = true;
      } else {
        throw unparsable(file, i, line, "expected KEY = VALUE");
      }
    }
  }

  private static SetupException unparsable(Path file, int index, String line, String expected) {
    int column = 1 + line.length() - line.stripLeading().length();
    return new SetupException(
        file
            + " cannot be parsed at line "
            + (index + 1)
            + ", column "
            + column
            + ": "
            + expected
            + "; the file was left unchanged: fix that line, then run this again");
  }

  /** [header, end) line ranges of every section for the profile, in file order. */
  private List<int[]> sections(String profile) {
    List<int[]> found = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Matcher m = SECTION.matcher(line(i).strip());
      if (m.matches() && m.group(2).equals(profile) && isProfile(m, profile)) {
        int end = i + 1;
        while (end < raw.size() && !line(end).strip().startsWith("[")) {
          end++;
        }
        found.add(new int[] {i, end});
      }
    }
    return found;
  }

  /** In the config file only "default" may go without the "profile " prefix. */
  private static boolean isProfile(Matcher header, String name) {
    return "profile".equals(header.group(1)) || (header.group(1) == null && "default".equals(name));
  }

  /** A property's value may go on over indented lines that follow it. */
  private int endOfProperty(int start, int sectionEnd) {
    int end = start + 1;
    while (end < sectionEnd
        && !line(end).isBlank()
        && Character.isWhitespace(line(end).charAt(0))) {
      end++;
    }
    return end;
  }

  private String line(int i) {
    String s = raw.get(i);
    return s.substring(0, s.length() - terminator(s).length());
  }

  private static String terminator(String rawLine) {
    return rawLine.endsWith("\r\n") ? "\r\n" : rawLine.endsWith("\n") ? "\n" : "";
  }

  private static String keyOf(String line) {
    if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
      return null;
    }
    Matcher m = PROPERTY.matcher(line);
    return m.matches() ? m.group(1).strip() : null;
  }

  private static String valueOf(String line) {
    return line.substring(line.indexOf('=') + 1).strip();
  }

  private static String shown(String key, String value, Set<String> secretKeys) {
    return secretKeys.contains(key) ? "(hidden)" : value;
  }
}

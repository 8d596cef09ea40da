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
 * Sets keys of one profile in an AWS config file by editing lines, so every other profile,
 * comment, blank line, key and line ending stays byte for byte as the person wrote it.
 */
final class AwsConfigFile {

    private static final Pattern SECTION = Pattern.compile("^\\[\\s*(?:profile\\s+)?([^\\]\\s]+)\\s*\\]\\s*(?:[#;].*)?$");
    private static final Pattern PROPERTY = Pattern.compile("^([^\\s=#;\\[][^=]*?)\\s*=.*$");

    private AwsConfigFile() {
    }

    /** The header line AWS tools expect: {@code [default]} or {@code [profile NAME]}. */
    static String header(String profile) {
        return "default".equals(profile) ? "[default]" : "[profile " + profile + "]";
    }

    /**
     * @param settings   key to value, in the order new keys are written
     * @param secretKeys keys whose values are not printed
     */
    static FileEdit plan(Path file, String profile, Map<String, String> settings, Set<String> secretKeys) {
        byte[] before = SafeFileWriter.readIfExists(file);
        String text = before == null ? "" : new String(before, StandardCharsets.UTF_8);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = splitLines(text);
        validate(file, lines);

        List<String> changes = new ArrayList<>();
        int[] section = findSection(lines, profile);
        if (section == null) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add(header(profile));
            changes.add("+ " + header(profile));
            settings.forEach((k, v) -> {
                lines.add(k + " = " + v);
                changes.add("+ " + k + " = " + shown(k, v, secretKeys));
            });
        } else {
            Map<String, String> missing = new LinkedHashMap<>(settings);
            int insertAt = section[0] + 1;
            for (int i = section[0] + 1; i < section[1]; i++) {
                String key = keyOf(lines.get(i));
                if (key == null) {
                    continue;
                }
                int end = endOfProperty(lines, i, section[1]);
                insertAt = end;
                if (!missing.containsKey(key)) {
                    continue;
                }
                String value = missing.remove(key);
                String wanted = key + " = " + value;
                boolean same = end == i + 1 && valueOf(lines.get(i)).equals(value);
                if (!same) {
                    String old = String.join(" ", lines.subList(i, end).stream().map(String::trim).toList());
                    lines.subList(i + 1, end).clear();
                    lines.set(i, wanted);
                    section[1] -= end - (i + 1);
                    insertAt = i + 1;
                    changes.add("~ " + key + ": " + shownOld(key, old, secretKeys) + " -> " + shown(key, value, secretKeys));
                }
            }
            List<String> added = new ArrayList<>();
            missing.forEach((k, v) -> {
                added.add(k + " = " + v);
                changes.add("+ " + k + " = " + shown(k, v, secretKeys));
            });
            lines.addAll(insertAt, added);
        }
        if (changes.isEmpty()) {
            return new FileEdit(file, before, before, changes);
        }
        List<String> described = new ArrayList<>();
        changes.forEach(c -> described.add(header(profile) + " " + c));
        return new FileEdit(file, before, join(lines, newline, text).getBytes(StandardCharsets.UTF_8), described);
    }

    /** Refuses what the AWS SDKs would reject, so we never rewrite a file we misunderstand. */
    static void validate(Path file, List<String> lines) {
        boolean afterProperty = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && afterProperty) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!SECTION.matcher(trimmed).matches()) {
                    throw unparsable(file, i, line, "a section header must look like [profile NAME] or [default]");
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
        int column = 1 + (line.length() - line.stripLeading().length());
        return new SetupException(file + " cannot be parsed at line " + (index + 1) + ", column " + column + ": "
                + expected + "; the file was left unchanged: fix that line, then run this again");
    }

    /** The [start, end) line range of the last section for the profile (later ones win in AWS tools). */
    private static int[] findSection(List<String> lines, String profile) {
        int[] found = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SECTION.matcher(lines.get(i).strip());
            if (m.matches() && m.group(1).equals(profile) && isHeaderFor(lines.get(i).strip(), profile)) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
                    end++;
                }
                found = new int[] {i, end};
            }
        }
        return found;
    }

    private static boolean isHeaderFor(String header, String profile) {
        // In the config file only "default" may go without the "profile " prefix.
        return header.matches("^\\[\\s*profile\\s.*") || "default".equals(profile);
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

    private static int endOfProperty(List<String> lines, int start, int sectionEnd) {
        int end = start + 1;
        while (end < sectionEnd && !lines.get(end).isEmpty() && Character.isWhitespace(lines.get(end).charAt(0))
                && !lines.get(end).isBlank()) {
            end++;
        }
        return end;
    }

    private static String shown(String key, String value, Set<String> secretKeys) {
        return secretKeys.contains(key) ? "(hidden)" : value;
    }

    private static String shownOld(String key, String oldLine, Set<String> secretKeys) {
        return secretKeys.contains(key) ? "(hidden)" : valueOf(oldLine);
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        for (String line : text.split("\r?\n", -1)) {
            lines.add(line);
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String join(List<String> lines, String newline, String original) {
        String body = String.join(newline, lines);
        // Keep a file that ended without a newline that way only if its last line is untouched.
        boolean finalNewline = original.isEmpty() || original.endsWith("\n") || !body.endsWith(lastLine(original));
        return finalNewline ? body + newline : body;
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}

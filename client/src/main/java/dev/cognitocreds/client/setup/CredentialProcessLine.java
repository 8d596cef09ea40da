package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The {@code credential_process} value for a profile. AWS SDKs hand it to {@code sh -c} (the AWS
 * CLI splits it like a shell), so an install path with spaces is double-quoted.
 */
final class CredentialProcessLine {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._+@%=:,-]+");

  private CredentialProcessLine() {}

  static String of(Path client, String profile) {
    return shellWord(client.toString()) + " credential-process --profile " + shellWord(profile);
  }

  static String shellWord(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return '"'
        + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`")
        + '"';
  }
}

package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientContext;
import java.util.Map;
import java.util.Optional;

/** One key of a profile in the person's AWS config file, for commands that need a setting. */
public final class ProfileKeys {
  private ProfileKeys() {}

  /** The key's value; empty when the file, the profile or the key is missing or unreadable. */
  public static Optional<String> read(ClientContext context, String profile, String key) {
    try {
      Map<String, String> keys =
          AwsConfigFile.read(UserEnvironment.of(context).awsConfigFile()).get(profile);
      return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key)).map(String::trim);
    } catch (RuntimeException unreadable) {
      // the daemon names what is wrong with the file when it is asked
      return Optional.empty();
    }
  }
}

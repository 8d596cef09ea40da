package dev.cognitocreds.client.command;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens an address in the person's browser ({@code open} on macOS, {@code xdg-open} elsewhere),
 * when there is a screen to show it on: an ssh session without a forwarded display has none.
 */
final class SystemBrowser {
  private SystemBrowser() {}

  static boolean hasDisplay(Map<String, String> env, String osName) {
    if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
      return !present(env, "SSH_CONNECTION") && !present(env, "SSH_TTY");
    }
    return present(env, "DISPLAY") || present(env, "WAYLAND_DISPLAY");
  }

  /** Starts the opener without waiting for it; false when it could not be started. */
  static boolean open(String url, String osName) {
    String opener = osName.toLowerCase(Locale.ROOT).startsWith("mac") ? "open" : "xdg-open";
    try {
      new ProcessBuilder(List.of(opener, url))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}

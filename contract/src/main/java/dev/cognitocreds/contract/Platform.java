package dev.cognitocreds.contract;

import java.util.Locale;

/**
 * Which platform rules apply. Java reads the {@code os.name} property ("Mac OS X"); the launchers
 * read bash's {@code OSTYPE} ("darwin23"): {@link LauncherContract} renders the bash side.
 */
public final class Platform {

  private Platform() {}

  /** macOS keeps the product's files under Application Support and runs it as a LaunchAgent. */
  public static boolean isMacOs(String osName) {
    return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("mac");
  }

  /** The running JVM's {@code os.name}, empty when unknown. */
  public static String currentOsName() {
    return System.getProperty("os.name", "");
  }
}

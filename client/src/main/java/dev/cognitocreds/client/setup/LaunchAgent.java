package dev.cognitocreds.client.setup;

import dev.cognitocreds.contract.DaemonService;
import java.nio.file.Path;
import java.util.Optional;

/** The shipped LaunchAgent property list, rewritten for this user and this installation. */
final class LaunchAgent {

  static final String LABEL = DaemonService.LAUNCHD_LABEL;
  static final String FILE_NAME = LABEL + ".plist";
  private static final String TEMPLATE_HOME = "/Users/USER";
  private static final String TEMPLATE_DAEMON =
      TEMPLATE_HOME + "/.local/share/cognito-creds/bin/cognito-credsd";

  private LaunchAgent() {}

  static String render(String template, Path daemon, Path userHome) {
    return render(template, daemon, userHome, Optional.empty());
  }

  /**
   * @param javaHome the JAVA_HOME the daemon's launcher needs, when the installation has no runtime
   */
  static String render(String template, Path daemon, Path userHome, Optional<Path> javaHome) {
    if (!template.contains(TEMPLATE_DAEMON)) {
      throw new SetupException(
          "the LaunchAgent template has no daemon path to rewrite: reinstall cognito-creds");
    }
    String plist =
        template
            .replace(TEMPLATE_DAEMON, xmlText(daemon.toString()))
            .replace(TEMPLATE_HOME, xmlText(userHome.toString()));
    if (javaHome.isEmpty()) {
      return plist;
    }
    int end = plist.lastIndexOf("</dict>");
    if (end < 0) {
      throw new SetupException("the LaunchAgent template has no <dict>: reinstall cognito-creds");
    }
    return plist.substring(0, end)
        + "  <key>EnvironmentVariables</key>\n  <dict>\n    <key>JAVA_HOME</key>\n    <string>"
        + xmlText(javaHome.get().toString())
        + "</string>\n  </dict>\n"
        + plist.substring(end);
  }

  static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package dev.cognitocreds.client.setup;

import dev.cognitocreds.contract.DaemonService;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped user unit, rewritten so that it starts this installation's daemon. */
final class SystemdUnit {

  static final String FILE_NAME = DaemonService.SYSTEMD_UNIT;
  private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=.*$");

  private SystemdUnit() {}

  /**
   * A user manager does not see the variables of the person's shell, so the ones that move the
   * daemon's files are written into the unit.
   *
   * @param awsConfigFile where the person keeps the AWS config file, when not in its default place
   * @param stateHome the person's XDG_STATE_HOME, when not the default one systemd knows as %S: it
   *     must also be writable under ProtectHome=read-only
   */
  static String render(
      String template, Path daemon, Optional<String> awsConfigFile, Optional<Path> stateHome) {
    return render(template, daemon, awsConfigFile, stateHome, Optional.empty());
  }

  /**
   * @param javaHome the JAVA_HOME the daemon's launcher needs, when the installation has no runtime
   */
  static String render(
      String template,
      Path daemon,
      Optional<String> awsConfigFile,
      Optional<Path> stateHome,
      Optional<Path> javaHome) {
    Matcher m = EXEC_START.matcher(template);
    if (!m.find()) {
      throw new SetupException("the unit template has no ExecStart= line: reinstall cognito-creds");
    }
    StringBuilder lines = new StringBuilder("ExecStart=").append(quoteCommand(daemon.toString()));
    awsConfigFile.ifPresent(
        f -> lines.append("\nEnvironment=").append(quote("AWS_CONFIG_FILE=" + f)));
    javaHome.ifPresent(dir -> lines.append("\nEnvironment=").append(quote("JAVA_HOME=" + dir)));
    stateHome.ifPresent(
        dir ->
            lines
                .append("\nEnvironment=")
                .append(quote("XDG_STATE_HOME=" + dir))
                .append("\nReadWritePaths=")
                .append(quote(dir.resolve("cognito-creds").toString())));
    return template.substring(0, m.start()) + lines + template.substring(m.end());
  }

  /** A quoted word of a setting: systemd expands % specifiers everywhere. */
  static String quote(String word) {
    return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + '"';
  }

  /** A quoted word of a command line, where systemd also expands $VARIABLES. */
  static String quoteCommand(String word) {
    return quote(word.replace("$", "$$"));
  }
}

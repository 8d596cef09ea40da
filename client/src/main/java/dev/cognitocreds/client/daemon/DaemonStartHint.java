package dev.cognitocreds.client.daemon;

import dev.cognitocreds.contract.DaemonService;
import dev.cognitocreds.contract.FileLocations;
import java.nio.file.Files;
import java.util.Map;

/**
 * The command that starts the daemon on this machine ({@link DaemonService#startCommand}): the user
 * service when its unit is installed, otherwise the daemon in the background.
 */
public final class DaemonStartHint {
  private final String command;

  private DaemonStartHint(String command) {
    this.command = command;
  }

  public static DaemonStartHint of(Map<String, String> env, String osName) {
    return new DaemonStartHint(
        DaemonService.startCommand(
            FileLocations.of(env, osName, System.getProperty("user.home")),
            env,
            osName,
            Files::isRegularFile));
  }

  public String command() {
    return command;
  }

  /** For example "Start it with `cognito-credsd &`." */
  public String sentence() {
    return DaemonService.startSentence(command);
  }
}

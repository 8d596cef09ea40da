package dev.cognitocreds.contract;

/** The environment variables the daemon, the client and the launchers read. */
public final class EnvironmentVariables {
  public static final String HOME = "HOME";

  /** The AWS config file with the profiles; a leading {@code ~} is the home folder. */
  public static final String AWS_CONFIG_FILE = "AWS_CONFIG_FILE";

  public static final String AWS_PROFILE = "AWS_PROFILE";
  public static final String XDG_STATE_HOME = "XDG_STATE_HOME";
  public static final String XDG_RUNTIME_DIR = "XDG_RUNTIME_DIR";
  public static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";

  private EnvironmentVariables() {}
}

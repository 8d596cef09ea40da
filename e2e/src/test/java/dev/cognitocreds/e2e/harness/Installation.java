package dev.cognitocreds.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * One user's installation for a test class: a {@link TempHome} with the given profiles, a running
 * daemon and the client. {@link #close()} stops the daemon's process tree, prints its log (surefire
 * keeps it with the test's output) and deletes the home.
 */
public final class Installation implements AutoCloseable {

  private final TempHome home;
  private final Cli cli;
  private final String[] daemonArgs;
  private Daemon daemon;

  private Installation(TempHome home, String[] daemonArgs) {
    this.home = home;
    this.cli = new Cli(home);
    this.daemonArgs = daemonArgs;
    this.daemon = Daemon.start(home, daemonArgs);
  }

  public static Installation start(String name, String config, String... daemonArgs) {
    TempHome home = TempHome.create(name);
    home.writeConfig(config);
    try {
      return new Installation(home, daemonArgs);
    } catch (RuntimeException | Error e) {
      home.close();
      throw e;
    }
  }

  public TempHome home() {
    return home;
  }

  public Daemon daemon() {
    return daemon;
  }

  public Cli cli() {
    return cli;
  }

  public void stopDaemon() {
    daemon.stop();
    printLog();
  }

  public Daemon startDaemon() {
    if (daemon.isAlive()) {
      throw new IllegalStateException("the daemon of " + home.root() + " is still running");
    }
    daemon = Daemon.start(home, daemonArgs);
    return daemon;
  }

  public Daemon restartDaemon() {
    stopDaemon();
    return startDaemon();
  }

  /**
   * First sign-in of a user with a temporary password: {@code login}, then the new password Cognito
   * asks for.
   */
  public void firstSignIn(String profile, LicensedUser user) {
    CommandResult login =
        cli.login(profile, user.username(), user.temporaryPassword(), user.password());
    assertThat(login.exitCode()).as("login of %s:%n%s", user.username(), login).isZero();
  }

  /** This home's environment after {@code eval "$(cognito-creds env --profile P)"}. */
  public Map<String, String> environmentAfterEnvCommand(String profile) {
    CommandResult env = cli.run("env", "--profile", profile);
    assertThat(env.exitCode()).as("cognito-creds env:%n%s", env).isZero();
    Map<String, String> environment = home.environment();
    environment.putAll(ShellExports.parse(env.stdout(), home.root()));
    return environment;
  }

  private void printLog() {
    System.out.println("==== cognito-credsd log (" + home.root() + ") ====\n" + daemon.log());
  }

  @Override
  public void close() {
    try {
      daemon.close();
      printLog();
    } finally {
      home.close();
    }
  }
}

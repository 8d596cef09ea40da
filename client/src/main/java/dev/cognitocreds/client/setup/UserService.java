package dev.cognitocreds.client.setup;

import java.io.PrintWriter;

/** The daemon as this platform's per-user service. Every action is safe to repeat. */
interface UserService {

  /** Writes the definition for this install and user, enables it at login and starts it. */
  int install(PrintWriter out);

  /** Stops the service and removes its definition; the daemon's state is kept. */
  int uninstall(PrintWriter out);

  int start(PrintWriter out);

  int stop(PrintWriter out);

  int status(PrintWriter out);

  static UserService forPlatform(
      UserEnvironment env, CommandRunner runner, DaemonReadiness readiness) {
    return env.macOs()
        ? new LaunchAgentService(env, runner, readiness)
        : new SystemdUserService(env, runner, readiness);
  }
}

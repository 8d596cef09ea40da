package dev.cognitocreds.daemon;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of the daemon's own pools: named, so a thread dump says what each one is for, and daemon
 * threads, so none of them keeps the JVM alive once the server has stopped.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}

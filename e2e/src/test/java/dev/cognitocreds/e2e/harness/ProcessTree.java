package dev.cognitocreds.e2e.harness;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started. The launchers are bash scripts around a JVM:
 * signalling only the script would leave the JVM running and holding its port.
 */
public final class ProcessTree {

  private ProcessTree() {}

  /**
   * SIGTERM to the whole tree (children first), SIGKILL to whatever is still alive after the grace
   * period.
   */
  public static void stop(Process process, long graceSeconds) {
    List<ProcessHandle> tree = snapshot(process);
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(graceSeconds, TimeUnit.SECONDS);
      } catch (Exception stillAlive) {
        handle.destroyForcibly();
      }
    }
    try {
      process.waitFor(graceSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void kill(Process process) {
    snapshot(process).forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<ProcessHandle> snapshot(Process process) {
    List<ProcessHandle> descendants = new java.util.ArrayList<>(process.descendants().toList());
    java.util.Collections.reverse(descendants);
    descendants.add(process.toHandle());
    return descendants;
  }
}

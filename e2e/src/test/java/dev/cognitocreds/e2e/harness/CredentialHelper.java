package dev.cognitocreds.e2e.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/docker-credential-cognito-creds} run as docker, podman and skopeo run it: a protocol
 * verb as the only argument, the server URL or the credentials on standard input.
 */
public final class CredentialHelper {

  private CredentialHelper() {}

  /** The installation's two helpers, which must answer alike. */
  public enum Kind {
    /** bin/'s: native (C, static) where the build had a C compiler. */
    INSTALLED("bin/docker-credential-cognito-creds"),
    /**
     * The bash one: the portable archive's, and bin/'s where no C compiler built the native one.
     */
    BASH("lib/docker-helper/bash/docker-credential-cognito-creds");

    private final String path;

    Kind(String path) {
      this.path = path;
    }

    public Path program() {
      return Distribution.root().resolve(path);
    }
  }

  public static Path program() {
    return Kind.INSTALLED.program();
  }

  /**
   * The environment of a docker, podman or skopeo run inside {@code home}: the installation's bin
   * folder first on PATH (where the helper is found by name), no AWS_PROFILE.
   */
  public static Map<String, String> clientEnvironment(TempHome home) {
    Map<String, String> env = home.environment();
    env.remove("AWS_PROFILE");
    env.put("PATH", program().getParent() + ":/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("REGISTRY_AUTH_FILE", home.root().resolve("containers-auth.json").toString());
    return env;
  }

  public static CommandResult run(Map<String, String> environment, String verb, String stdin) {
    return run(Kind.INSTALLED, environment, verb, stdin);
  }

  public static CommandResult run(
      Kind kind, Map<String, String> environment, String verb, String stdin) {
    return Command.run(List.of(kind.program().toString(), verb), environment, stdin);
  }
}

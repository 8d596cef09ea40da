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

  public static Path program() {
    return Distribution.root().resolve("bin/docker-credential-cognito-creds");
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
    return Command.run(List.of(program().toString(), verb), environment, stdin);
  }
}

package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.contract.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The person's environment as the setup commands see it; tests pass a temporary home. */
record UserEnvironment(Map<String, String> env, Path home, String osName) {

  UserEnvironment {
    env = Map.copyOf(env);
  }

  /** The environment the root command was given (tests give a temporary home). */
  static UserEnvironment of(ClientContext context) {
    return new UserEnvironment(context.env(), context.paths().home(), context.osName());
  }

  /** A test's world: only the given variables, HOME pointing at {@code home}. */
  static UserEnvironment of(Path home, String osName, Map<String, String> vars) {
    Map<String, String> env = new java.util.HashMap<>(vars);
    env.put("HOME", home.toString());
    return new UserEnvironment(env, home, osName);
  }

  boolean macOs() {
    return Platform.isMacOs(osName);
  }

  Optional<String> get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  Path awsConfigFile() {
    return FileLocations.of(env, osName, home.toString()).configFile();
  }

  Path dockerConfigFile() {
    return get("DOCKER_CONFIG")
        .map(Path::of)
        .orElse(home.resolve(".docker"))
        .resolve("config.json");
  }

  /**
   * Podman reads REGISTRY_AUTH_FILE when it is set; otherwise the runtime file (when there is a
   * runtime folder), then the persistent one.
   */
  List<Path> podmanAuthFiles() {
    Optional<String> override = get("REGISTRY_AUTH_FILE");
    if (override.isPresent()) {
      return List.of(Path.of(override.get()));
    }
    List<Path> files = new ArrayList<>();
    get("XDG_RUNTIME_DIR").ifPresent(dir -> files.add(Path.of(dir, "containers", "auth.json")));
    files.add(configHome().resolve("containers").resolve("auth.json"));
    return files;
  }

  Path configHome() {
    return get("XDG_CONFIG_HOME").map(Path::of).orElse(home.resolve(".config"));
  }

  Path systemdUserUnit() {
    return configHome().resolve("systemd").resolve("user").resolve(SystemdUnit.FILE_NAME);
  }

  Path launchAgent() {
    return home.resolve("Library").resolve("LaunchAgents").resolve(LaunchAgent.FILE_NAME);
  }

  InstallLayout install() {
    return InstallLayout.require(env);
  }
}

package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.Profiles;
import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryProfiles;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which profile serves each registry name a helper asks for, remembered for as long as the profiles
 * are the same reading of the config file. Working it out parses the request's name and every
 * profile's {@code cognito_registries}: about a millisecond when a pull comes along on its own,
 * more than the rest of the answer. Only what resolves is remembered, and only a few dozen names
 * per reading: an unknown name costs what it did, on the path that says why.
 */
final class RegistryRouting {

  /** A registry and the profile that serves it. */
  record Route(RegistryHost registry, String profile) {}

  private record Key(String serverUrl, Optional<String> callerProfile) {}

  private record Remembered(Profiles profiles, ConcurrentMap<Key, Route> routes) {}

  static final int MAX_REMEMBERED = 64;

  private volatile Remembered remembered = new Remembered(null, new ConcurrentHashMap<>());

  /**
   * The route of {@code serverUrl} (any form the helpers send) by these profiles, or null when it
   * names no ECR registry or no valid profile serves it.
   */
  // Identity on purpose: the catalog hands out the same Profiles until the file changes.
  @SuppressWarnings("ReferenceEquality")
  Route route(Profiles profiles, String serverUrl, Optional<String> callerProfile) {
    Remembered current = remembered;
    if (current.profiles() != profiles) {
      current = new Remembered(profiles, new ConcurrentHashMap<>());
      remembered = current;
    }
    Key key = new Key(serverUrl, callerProfile);
    Route route = current.routes().get(key);
    if (route != null) {
      return route;
    }
    Optional<RegistryHost> registry = RegistryHost.parse(serverUrl);
    if (registry.isEmpty()) {
      return null;
    }
    try {
      String name = RegistryProfiles.serving(profiles, registry.get(), callerProfile);
      profiles.require(name);
      route = new Route(registry.get(), name);
    } catch (Failure unusable) {
      return null;
    }
    if (current.routes().size() < MAX_REMEMBERED) {
      current.routes().put(key, route);
    }
    return route;
  }
}

package dev.cognitocreds.daemon.session;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.CognitoProfile;
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
 * per reading: an unknown name is worked out, and refused, each time.
 */
final class RegistryRouting {

  /** A registry and the profile that serves it, with that profile's configuration. */
  record Route(RegistryHost registry, String profile, CognitoProfile config) {}

  private record Key(String serverUrl, Optional<String> callerProfile) {}

  private record Remembered(Profiles profiles, ConcurrentMap<Key, Route> routes) {}

  static final int MAX_REMEMBERED = 64;

  private volatile Remembered remembered = new Remembered(null, new ConcurrentHashMap<>());

  /**
   * The route of {@code serverUrl} (any form the helpers send) by these profiles; a {@link Failure}
   * that says what to do when it names no ECR registry or no valid profile serves it.
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
    RegistryHost registry = RegistryHost.parse(serverUrl).orElseThrow(() -> notEcr(serverUrl));
    String name = RegistryProfiles.serving(profiles, registry, callerProfile);
    route = new Route(registry, name, profiles.require(name));
    if (current.routes().size() < MAX_REMEMBERED) {
      current.routes().put(key, route);
    }
    return route;
  }

  private static Failure notEcr(String serverUrl) {
    return new Failure(
        Failure.Kind.PROFILE_NOT_FOUND,
        ErrorCodes.REGISTRY_UNKNOWN,
        "'"
            + RegistryHost.hostOf(serverUrl)
            + "' is not an ECR registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com or"
            + " public.ecr.aws): cognito-creds has no password for it; remove its"
            + " credHelpers entry or use `docker login` for it");
  }
}

package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryPassword;

/** A registry password and the registry and profile it was served for. */
public record ServedPassword(RegistryHost registry, String profile, RegistryPassword password) {}

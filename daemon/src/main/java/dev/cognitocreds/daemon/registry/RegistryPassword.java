package dev.cognitocreds.daemon.registry;

import java.time.Instant;

/**
 * What ECR's GetAuthorizationToken grants: a user name and password for one registry, until then.
 */
public record RegistryPassword(String username, String secret, Instant expiresAt) {

  @Override
  public String toString() {
    // the record's default toString would print the password
    return "RegistryPassword[" + username + ", expires " + expiresAt + "]";
  }
}

package dev.cognitocreds.localcognito.ecr;

import java.time.Instant;

/**
 * A registry password handed out by {@code GetAuthorizationToken}, and the access key id whose
 * signature asked for it, so that a test can check what a registry client presents.
 */
public record RegistryPassword(
    String accessKeyId, String proxyEndpoint, String password, Instant expiresAt) {
  @Override
  public String toString() {
    // records print every component; a password must never reach a log line
    return "RegistryPassword[accessKeyId="
        + accessKeyId
        + ", proxyEndpoint="
        + proxyEndpoint
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}

package dev.cognitocreds.daemon.identity;

import java.time.Instant;
import java.util.Optional;

/** Temporary AWS credentials from the identity pool. */
public record AwsCredentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    Optional<String> accountId) {

  @Override
  public String toString() {
    return "AwsCredentials[" + accessKeyId + ", expires " + expiration + "]";
  }
}

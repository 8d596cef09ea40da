package dev.cognitocreds.localcognito.sigv4;

import java.time.Instant;

/** Temporary credentials as a signer holds them: the secret parts a signature is checked with. */
public record SigningCredential(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
  @Override
  public String toString() {
    // records print every component; the secret parts must never reach a log line
    return "SigningCredential[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
  }
}

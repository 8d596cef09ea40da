package dev.cognitocreds.localcognito.identitypool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.sigv4.SigningCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes STS-shaped temporary credentials: a fresh ASIA… key id each time, and remembers who got
 * which role and, so that services can check signatures made with them, their secret parts.
 */
final class CredentialIssuer {
  private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();
  private final List<IssuedCredentials> issued = new CopyOnWriteArrayList<>();
  private final Map<String, IssuedCredentials> issuedByKeyId = new ConcurrentHashMap<>();
  private final Map<String, SigningCredential> secretsByKeyId = new ConcurrentHashMap<>();

  CredentialIssuer(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  ObjectNode issue(String identityId, String roleArn) {
    Instant expiration = clock.instant().plus(lifetime);
    String accessKeyId = accessKeyId();
    SigningCredential secret =
        new SigningCredential(accessKeyId, secretKey(), sessionToken(), expiration);
    IssuedCredentials record = new IssuedCredentials(accessKeyId, identityId, roleArn, expiration);
    secretsByKeyId.put(accessKeyId, secret);
    issuedByKeyId.put(accessKeyId, record);
    issued.add(record);
    return Json.object()
        .put("AccessKeyId", accessKeyId)
        .put("SecretKey", secret.secretAccessKey())
        .put("SessionToken", secret.sessionToken())
        .put("Expiration", expiration.getEpochSecond());
  }

  List<IssuedCredentials> issued() {
    return List.copyOf(issued);
  }

  Optional<IssuedCredentials> issued(String accessKeyId) {
    return Optional.ofNullable(issuedByKeyId.get(accessKeyId));
  }

  Optional<SigningCredential> signingCredential(String accessKeyId) {
    return Optional.ofNullable(secretsByKeyId.get(accessKeyId));
  }

  private String accessKeyId() {
    StringBuilder id = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      id.append(KEY_ID_ALPHABET.charAt(random.nextInt(KEY_ID_ALPHABET.length())));
    }
    return id.toString();
  }

  private String secretKey() {
    byte[] bytes = new byte[30];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private String sessionToken() {
    byte[] bytes = new byte[600];
    random.nextBytes(bytes);
    return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(bytes);
  }
}

package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Initial state: user pools, clients, groups, users and identity pools (format in
 * local-cognito/README.md).
 */
public final class Seed {
  static final String DEFAULT_REGION = "us-east-2";
  static final String DEFAULT_ACCOUNT = "111122223333";
  private static final String DEMO_RESOURCE = "/dev/cognitocreds/localcognito/demo-seed.json";

  private final JsonNode root;

  private Seed(JsonNode root) {
    this.root = root;
  }

  public static Seed fromJson(String json) {
    try {
      return new Seed(Json.MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("seed is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Seed fromFile(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed " + file, e);
    }
  }

  /**
   * The bundled demo: pool us-east-2_DEMOpool1, client demo0client0id0000000000aa, user
   * licensed-user.
   */
  public static Seed demo() {
    try (InputStream in = Seed.class.getResourceAsStream(DEMO_RESOURCE)) {
      return new Seed(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled demo seed", e);
    }
  }

  public static Seed empty() {
    return new Seed(Json.object());
  }

  String region() {
    return root.path("Region").asText(DEFAULT_REGION);
  }

  String accountId() {
    return root.path("AccountId").asText(DEFAULT_ACCOUNT);
  }

  Optional<Duration> credentialLifetime() {
    return root.hasNonNull("CredentialLifetimeSeconds")
        ? Optional.of(Duration.ofSeconds(root.get("CredentialLifetimeSeconds").asLong()))
        : Optional.empty();
  }

  JsonNode userPools() {
    return root.path("UserPools");
  }

  JsonNode identityPools() {
    return root.path("IdentityPools");
  }

  JsonNode oidcProviders() {
    return root.path("OidcProviders");
  }
}

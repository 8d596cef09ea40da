package dev.cognitocreds.localcognito.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.SignedOperation;
import dev.cognitocreds.localcognito.identitypool.IssuedCredentials;
import dev.cognitocreds.localcognito.sigv4.VerifiedSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Amazon ECR's {@code GetAuthorizationToken} ({@code AmazonEC2ContainerRegistry_V20150921.*},
 * signing name {@code ecr}): a fresh registry password valid 12 hours for the caller's account, in
 * the region the caller signed for. And ECR Public's ({@code SpencerFrontendService.*}, signing
 * name {@code ecr-public}, us-east-1 only): a password for {@code public.ecr.aws}.
 */
public final class EcrService {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";
  public static final String SIGNING_NAME = "ecr";
  public static final String PUBLIC_TARGET_PREFIX = "SpencerFrontendService";
  public static final String PUBLIC_SIGNING_NAME = "ecr-public";
  public static final String PUBLIC_REGION = "us-east-1";
  public static final String PUBLIC_PROXY_ENDPOINT = "https://public.ecr.aws";
  private static final Duration PASSWORD_LIFETIME = Duration.ofHours(12);
  private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");

  private final Clock clock;
  private final String defaultAccount;
  private final Function<String, Optional<IssuedCredentials>> issued;
  private final SecureRandom random = new SecureRandom();
  private final List<RegistryPassword> passwords = new CopyOnWriteArrayList<>();

  /**
   * @param defaultAccount the account when the caller's role ARN names none
   * @param issued the identity pool's record of a credential by access key id (its role's account
   *     is the caller's registry)
   */
  public EcrService(
      Clock clock, String defaultAccount, Function<String, Optional<IssuedCredentials>> issued) {
    this.clock = clock;
    this.defaultAccount = defaultAccount;
    this.issued = issued;
  }

  public Map<String, SignedOperation> operations() {
    return Map.of("GetAuthorizationToken", this::getAuthorizationToken);
  }

  /** ECR Public's operations (the same port, its own target prefix and signing name). */
  public Map<String, SignedOperation> publicOperations() {
    return Map.of("GetAuthorizationToken", this::getPublicAuthorizationToken);
  }

  /** Every password handed out so far (ECR's and ECR Public's), oldest first. */
  public List<RegistryPassword> passwords() {
    return List.copyOf(passwords);
  }

  private JsonNode getAuthorizationToken(JsonNode request, VerifiedSigner signer) {
    List<String> registryIds = Json.stringList(request, "registryIds");
    for (String id : registryIds) {
      if (!REGISTRY_ID.matcher(id).matches()) {
        throw CognitoException.invalidParameter(
            "1 validation error detected: Value at 'registryIds' failed to satisfy constraint:"
                + " Member must satisfy constraint: [Member must satisfy regular expression"
                + " pattern: [0-9]{12}]");
      }
    }
    List<String> accounts = registryIds.isEmpty() ? List.of(accountOf(signer)) : registryIds;
    Instant expiresAt = clock.instant().plus(PASSWORD_LIFETIME);
    ObjectNode response = Json.object();
    ArrayNode data = response.putArray("authorizationData");
    for (String account : accounts) {
      String proxyEndpoint =
          "https://" + account + ".dkr.ecr." + signer.region() + ".amazonaws.com";
      String password = password();
      passwords.add(new RegistryPassword(signer.accessKeyId(), proxyEndpoint, password, expiresAt));
      data.addObject()
          .put(
              "authorizationToken",
              Base64.getEncoder()
                  .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)))
          .put("expiresAt", expiresAt.getEpochSecond())
          .put("proxyEndpoint", proxyEndpoint);
    }
    return response;
  }

  /**
   * ECR Public's answer: one object (not a list) and no proxy endpoint; its API lives in us-east-1
   * only.
   */
  private JsonNode getPublicAuthorizationToken(JsonNode request, VerifiedSigner signer) {
    if (!PUBLIC_REGION.equals(signer.region())) {
      throw CognitoException.invalidParameter(
          "ECR Public's GetAuthorizationToken is served in " + PUBLIC_REGION + " only");
    }
    Instant expiresAt = clock.instant().plus(PASSWORD_LIFETIME);
    String password = password();
    passwords.add(
        new RegistryPassword(signer.accessKeyId(), PUBLIC_PROXY_ENDPOINT, password, expiresAt));
    ObjectNode response = Json.object();
    response
        .putObject("authorizationData")
        .put(
            "authorizationToken",
            Base64.getEncoder()
                .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)))
        .put("expiresAt", expiresAt.getEpochSecond());
    return response;
  }

  /** The account of the caller's role: arn:aws:iam::ACCOUNT:role/NAME. */
  private String accountOf(VerifiedSigner signer) {
    return issued
        .apply(signer.accessKeyId())
        .map(IssuedCredentials::roleArn)
        .map(arn -> arn.split(":", -1))
        .filter(parts -> parts.length > 4 && REGISTRY_ID.matcher(parts[4]).matches())
        .map(parts -> parts[4])
        .orElse(defaultAccount);
  }

  private String password() {
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}

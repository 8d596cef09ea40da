package dev.cognitocreds.daemon.registry;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Registry passwords from ECR's GetAuthorizationToken ({@link PublicEcr}'s for ECR Public), signed
 * with the profile's current credentials; the endpoint follows {@link EcrEndpoints}.
 */
public final class EcrAuthority implements RegistryAuthority {

  /** The ECR client for one region and endpoint (with the host's FIPS and dual-stack choice). */
  public record ClientKey(String region, Optional<URI> endpoint, boolean fips, boolean dualStack) {}

  private final Function<ClientKey, EcrClient> clients;
  private final PublicEcr publicEcr;
  private final EcrEndpoints endpoints;

  public EcrAuthority(
      Function<ClientKey, EcrClient> clients, SdkHttpClient http, Map<String, String> env) {
    this.clients = clients;
    this.publicEcr = new PublicEcr(http);
    this.endpoints = new EcrEndpoints(env);
  }

  @Override
  public RegistryPassword password(
      CognitoProfile profile, AwsCredentials credentials, RegistryHost registry) {
    Optional<URI> endpoint = endpoints.override(profile, registry);
    try {
      if (registry.kind() == RegistryHost.Kind.PUBLIC_ECR) {
        return publicEcr.password(profile, credentials, registry, endpoint);
      }
      EcrClient ecr =
          clients.apply(
              new ClientKey(
                  EcrEndpoints.region(profile, registry),
                  endpoint,
                  registry.fips(),
                  registry.dualStack()));
      AuthorizationData data =
          ecr
              .getAuthorizationToken(
                  request ->
                      request.overrideConfiguration(
                          o -> o.credentialsProvider(signedAs(credentials))))
              .authorizationData()
              .stream()
              .findFirst()
              .orElseThrow(() -> noToken(profile, registry));
      return decode(data.authorizationToken(), data.expiresAt(), profile, registry);
    } catch (SdkException e) {
      throw RegistryFailures.translate(e, profile.name(), registry);
    }
  }

  static StaticCredentialsProvider signedAs(AwsCredentials credentials) {
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(
            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
  }

  /** ECR's token is base64 of {@code user:password}; docker wants the two apart. */
  static RegistryPassword decode(
      String token, Instant expiresAt, CognitoProfile profile, RegistryHost registry) {
    if (token == null || expiresAt == null) {
      throw noToken(profile, registry);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw noToken(profile, registry);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw noToken(profile, registry);
    }
    return new RegistryPassword(
        decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt);
  }

  private static Failure noToken(CognitoProfile profile, RegistryHost registry) {
    return new Failure(
        Failure.Kind.UPSTREAM_ERROR,
        ErrorCodes.REGISTRY_UNAVAILABLE,
        "ECR answered profile "
            + profile.name()
            + " without a usable authorization token for registry "
            + registry);
  }
}

package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cognitocreds.localcognito.Operation;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user pool side ({@code AWSCognitoIdentityProviderService.*}): its operations, keys and
 * seeding.
 */
public final class UserPoolService {
  private final UserPools pools;
  private final Provisioning provisioning;
  private final TokenIssuer tokens;
  private final HostedUiProvisioning hostedUiProvisioning;
  private final Map<String, Operation> operations = new TreeMap<>();

  public UserPoolService(Clock clock, CodeDelivery delivery, String region, String accountId) {
    this.pools = new UserPools(clock, new SecureRandom(), delivery, accountId);
    this.tokens = new TokenIssuer(pools);
    SignInSteps steps = new SignInSteps(pools, tokens);
    Refresh refresh = new Refresh(pools, tokens);
    this.provisioning = new Provisioning(pools, region);
    provisioning.register(operations);
    new SignInFlow(pools, steps, refresh).register(operations);
    refresh.register(operations);
    new SelfService(pools, tokens).register(operations);
    new SoftwareTokens(pools, tokens).register(operations);
    this.hostedUiProvisioning = new HostedUiProvisioning(pools);
    hostedUiProvisioning.register(operations);
  }

  /** The hosted UI's view of the pools; {@code lock} is the one the JSON operations run under. */
  public HostedUiDirectory hostedUi(Object lock) {
    return new HostedUiDirectory(pools, tokens, hostedUiProvisioning, lock);
  }

  public Map<String, Operation> operations() {
    return Map.copyOf(operations);
  }

  /** The pool's public JSON Web Key Set, as served at {@code /{poolId}/.well-known/jwks.json}. */
  public Optional<String> jwks(String poolId) {
    return Optional.ofNullable(pools.pools.get(poolId))
        .map(pool -> new JWKSet(pool.signingKey.toPublicJWK()).toString());
  }

  /**
   * The public key that signs tokens with this {@code iss}, for the identity pool's token checks.
   */
  public Optional<RSAKey> publicKey(String issuer) {
    return pools.byIssuer(issuer).map(pool -> pool.signingKey.toPublicJWK());
  }

  /**
   * False once the sign-in ({@code origin_jti}) was revoked, or the user was disabled or removed.
   */
  public boolean stillSignedIn(String issuer, String originJti, String username) {
    boolean signedIn = pools.signIns().find(originJti).map(s -> !s.revoked).orElse(false);
    boolean enabled =
        pools
            .byIssuer(issuer)
            .map(pool -> pool.users.get(username))
            .map(u -> u.enabled)
            .orElse(false);
    return signedIn && enabled;
  }

  /** Loads the {@code userPools} array of a seed file (format in local-cognito/README.md). */
  public void seed(JsonNode userPools) {
    new UserPoolSeeder(pools, provisioning).seed(userPools);
  }
}

package dev.cognitocreds.localcognito.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One stand-in OpenID Connect provider ("a company's identity provider", "Google"): its clients,
 * users, signing key and refresh tokens. Its HTTP side is {@link OidcRoutes}.
 */
public final class StandInProvider {

  /** A registered client; {@code secret} null for a public client. */
  record Client(String id, String secret, List<String> redirectUris) {}

  /** A user who can sign in on the provider's login page. */
  record Account(String username, String password, String sub, Map<String, String> claims) {}

  private record Grant(String clientId, String username, String scope, boolean[] revoked) {}

  private final String name;
  private final Supplier<String> base;
  private final Clock clock;
  private final RSAKey key;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Grant> refreshTokens = new LinkedHashMap<>();
  private Duration tokenLifetime = Duration.ofHours(1);
  private boolean rotatesRefreshTokens;
  private long refreshGrants;
  private IdTokenFault idTokenFault = IdTokenFault.NONE;

  /** A misbehaving provider, for the checks a relying party must make of its ID tokens. */
  public enum IdTokenFault {
    NONE,
    WRONG_NONCE,
    WRONG_AUDIENCE,
    WRONG_ISSUER,
    EXPIRED,
    FOREIGN_SIGNATURE
  }

  StandInProvider(String name, Supplier<String> base, Clock clock) {
    this.name = name;
    this.base = base;
    this.clock = clock;
    this.key = newKey();
  }

  public String name() {
    return name;
  }

  /** {@code http://127.0.0.1:PORT/_oidc/<name>}: known once local-cognito listens. */
  public String issuer() {
    return base.get() + "/_oidc/" + name;
  }

  /** Registers a client; a redirect URI must then be matched exactly. */
  public synchronized StandInProvider client(String id, String secret, String... redirectUris) {
    clients.put(id, new Client(id, secret, List.of(redirectUris)));
    return this;
  }

  /** Adds a user; {@code claims} go into its ID tokens (email, name, …). */
  public synchronized StandInProvider user(
      String username, String password, Map<String, String> claims) {
    accounts.put(
        username,
        new Account(
            username,
            password,
            UUID.nameUUIDFromBytes((name + "/" + username).getBytes()).toString(),
            Map.copyOf(claims)));
    return this;
  }

  /** Lifetime of its ID and access tokens (default 1 hour). */
  public synchronized StandInProvider tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
    return this;
  }

  /**
   * Whether a refresh answers with a new refresh token and revokes the one it was given, as
   * providers that rotate do (default: the same refresh token is kept).
   */
  public synchronized StandInProvider rotatesRefreshTokens(boolean rotates) {
    this.rotatesRefreshTokens = rotates;
    return this;
  }

  /** How many refresh_token grants its token endpoint answered with tokens. */
  public synchronized long refreshGrants() {
    return refreshGrants;
  }

  /** From now on its ID tokens have this defect ({@link IdTokenFault#NONE}: none). */
  public synchronized StandInProvider idTokenFault(IdTokenFault fault) {
    this.idTokenFault = fault;
    return this;
  }

  /** The {@code sub} its tokens carry for that user. */
  public synchronized String subOf(String username) {
    return account(username).map(Account::sub).orElseThrow();
  }

  synchronized Optional<Client> findClient(String id) {
    return Optional.ofNullable(clients.get(id));
  }

  synchronized Optional<Account> account(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  RSAKey publicKey() {
    return key.toPublicJWK();
  }

  /** ID, access and refresh token for a new sign-in. */
  synchronized Map<String, Object> issue(
      String clientId, String username, String scope, String nonce) {
    String refreshToken = randomHandle();
    refreshTokens.put(refreshToken, new Grant(clientId, username, scope, new boolean[1]));
    Map<String, Object> tokens = tokens(clientId, username, scope, nonce);
    tokens.put("refresh_token", refreshToken);
    return tokens;
  }

  /** New ID and access tokens from a refresh token, or empty when it is unknown or revoked. */
  synchronized Optional<Map<String, Object>> refresh(String clientId, String refreshToken) {
    Grant grant = refreshTokens.get(refreshToken);
    if (grant == null || grant.revoked()[0] || !grant.clientId().equals(clientId)) {
      return Optional.empty();
    }
    refreshGrants++;
    Map<String, Object> tokens = tokens(clientId, grant.username(), grant.scope(), null);
    if (rotatesRefreshTokens) {
      grant.revoked()[0] = true;
      String rotated = randomHandle();
      refreshTokens.put(
          rotated, new Grant(clientId, grant.username(), grant.scope(), new boolean[1]));
      tokens.put("refresh_token", rotated);
    }
    return Optional.of(tokens);
  }

  synchronized void revoke(String clientId, String refreshToken) {
    Grant grant = refreshTokens.get(refreshToken);
    if (grant != null && grant.clientId().equals(clientId)) {
      grant.revoked()[0] = true;
    }
  }

  /** Whether a refresh token still works: lets tests see that a sign-out revoked it. */
  public synchronized boolean isActive(String refreshToken) {
    Grant grant = refreshTokens.get(refreshToken);
    return grant != null && !grant.revoked()[0];
  }

  /** Whether any refresh token of that user is still active. */
  public synchronized boolean hasActiveSignIn(String username) {
    return refreshTokens.values().stream()
        .anyMatch(grant -> grant.username().equals(username) && !grant.revoked()[0]);
  }

  private Map<String, Object> tokens(String clientId, String username, String scope, String nonce) {
    Account account = accounts.get(username);
    Instant now = clock.instant();
    Date expires = Date.from(now.plus(tokenLifetime));
    JWTClaimsSet.Builder id =
        new JWTClaimsSet.Builder()
            .issuer(idTokenFault == IdTokenFault.WRONG_ISSUER ? issuer() + "-other" : issuer())
            .subject(account.sub())
            .audience(idTokenFault == IdTokenFault.WRONG_AUDIENCE ? "another-client" : clientId)
            .issueTime(Date.from(now))
            .expirationTime(
                idTokenFault == IdTokenFault.EXPIRED
                    ? Date.from(now.minus(Duration.ofMinutes(10)))
                    : expires)
            .claim("auth_time", now.getEpochSecond())
            .jwtID(UUID.randomUUID().toString());
    if (nonce != null) {
      id.claim("nonce", idTokenFault == IdTokenFault.WRONG_NONCE ? nonce + "-other" : nonce);
    }
    account.claims().forEach(id::claim);
    JWTClaimsSet access =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(account.sub())
            .claim("client_id", clientId)
            .claim("scope", scope)
            .issueTime(Date.from(now))
            .expirationTime(expires)
            .jwtID(UUID.randomUUID().toString())
            .build();
    Map<String, Object> tokens = new LinkedHashMap<>();
    tokens.put(
        "id_token",
        sign(id.build(), idTokenFault == IdTokenFault.FOREIGN_SIGNATURE ? foreignKey() : key));
    tokens.put("access_token", sign(access, key));
    tokens.put("token_type", "Bearer");
    tokens.put("expires_in", tokenLifetime.toSeconds());
    return tokens;
  }

  /** Another key under this provider's key id: a signature its JWKS cannot verify. */
  private RSAKey foreignKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWTClaimsSet claims, RSAKey signer) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomHandle() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID(UUID.randomUUID().toString())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}

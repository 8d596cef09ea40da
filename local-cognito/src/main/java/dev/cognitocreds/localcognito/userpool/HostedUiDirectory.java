package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the hosted UI asks of the user pools: domains, app clients' OAuth settings, identity
 * providers, password checks, federated users, and tokens in the OAuth shape. Every call holds the
 * same lock as the JSON 1.1 operations, since both change the same pools.
 */
public final class HostedUiDirectory {

  /** An app client as the hosted UI sees it; {@code secret} null when it has none. */
  public record Client(
      String poolId,
      String clientId,
      String secret,
      boolean oauthEnabled,
      List<String> flows,
      List<String> scopes,
      List<String> callbackUrls,
      List<String> logoutUrls,
      List<String> identityProviders) {}

  /** A federated provider: its ProviderDetails and AttributeMapping (pool attribute → claim). */
  public record Provider(
      String name, Map<String, String> details, Map<String, String> attributeMapping) {}

  private final UserPools pools;
  private final TokenIssuer tokens;
  private final HostedUiProvisioning provisioning;
  private final Object lock;

  HostedUiDirectory(
      UserPools pools, TokenIssuer tokens, HostedUiProvisioning provisioning, Object lock) {
    this.pools = pools;
    this.tokens = tokens;
    this.provisioning = provisioning;
    this.lock = lock;
  }

  public Optional<String> poolOfDomain(String domain) {
    return locked(() -> Optional.ofNullable(provisioning.poolOfDomain(domain)).map(p -> p.id));
  }

  public Optional<Client> client(String poolId, String clientId) {
    return locked(
        () -> {
          UserPool pool = pools.pools.get(poolId);
          AppClient client = pool == null ? null : pool.clients.get(clientId);
          if (client == null) {
            return Optional.empty();
          }
          OAuthSettings oauth = client.oauth;
          return Optional.of(
              new Client(
                  poolId,
                  clientId,
                  client.secret,
                  oauth.enabled(),
                  oauth.flows(),
                  oauth.scopes(),
                  oauth.callbackUrls(),
                  oauth.logoutUrls(),
                  oauth.identityProviders()));
        });
  }

  public Optional<Provider> identityProvider(String poolId, String name) {
    return locked(
        () -> {
          UserPool pool = pools.pools.get(poolId);
          JsonNode provider = pool == null ? null : pool.identityProviders.get(name);
          return Optional.ofNullable(provider)
              .map(
                  p ->
                      new Provider(
                          name,
                          Json.stringMap(p, "ProviderDetails"),
                          Json.stringMap(p, "AttributeMapping")));
        });
  }

  /**
   * A password sign-in that passed: the user's name, whether a temporary password must be replaced
   * before the sign-in completes, and the required attributes the user must then give.
   */
  public record PasswordSignIn(
      String username, boolean newPasswordRequired, List<String> missingAttributes) {}

  /**
   * The user these credentials sign in, with Cognito's refusal otherwise (wrong password, disabled,
   * not confirmed).
   */
  public PasswordSignIn passwordSignIn(String poolId, String login, String password) {
    return locked(
        () -> {
          UserPool pool = pools.pool(poolId);
          User user = pool.findUser(login).orElse(null);
          if (user == null
              || user.password == null
              || !user.password.matches(pool.id, user.username, password)) {
            throw CognitoException.notAuthorized("Incorrect username or password.");
          }
          SignInFlow.checkUsable(user);
          return new PasswordSignIn(
              user.username,
              user.status == UserStatus.FORCE_CHANGE_PASSWORD,
              List.copyOf(pool.missingRequired(user)));
        });
  }

  /**
   * Replaces the temporary password of a user who just signed in with it, as the answer to
   * NEW_PASSWORD_REQUIRED does: the pool's password policy applies, {@code attributes} are set (the
   * required ones the user lacked must be among them) and the user becomes CONFIRMED.
   */
  public void replaceTemporaryPassword(
      String poolId, String username, String newPassword, Map<String, String> attributes) {
    locked(
        () -> {
          UserPool pool = pools.pool(poolId);
          User user = pools.user(pool, username);
          if (user.status != UserStatus.FORCE_CHANGE_PASSWORD) {
            throw CognitoException.notAuthorized("The password was already changed.");
          }
          pool.passwordPolicy.check(newPassword);
          pool.checkAttributes(attributes);
          List<String> missing =
              pool.missingRequired(user).stream().filter(a -> !attributes.containsKey(a)).toList();
          if (!missing.isEmpty()) {
            throw CognitoException.invalidParameter(
                "Invalid attributes given, " + missing.get(0) + " is missing");
          }
          user.attributes.putAll(attributes);
          user.password =
              PasswordVerifier.create(pool.id, user.username, newPassword, pools.random());
          user.status = UserStatus.CONFIRMED;
          user.modified = pools.now();
          return null;
        });
  }

  /**
   * The pool user of a federated identity, {@code <provider>_<sub>} with status EXTERNAL_PROVIDER,
   * created on its first sign-in; its mapped attributes are updated on every sign-in.
   */
  public String federatedUser(
      String poolId, String provider, String sub, Map<String, String> attributes) {
    return locked(
        () -> {
          UserPool pool = pools.pool(poolId);
          String username = provider + "_" + sub;
          User user = pool.users.get(username);
          if (user == null) {
            user = new User(username, UUID.randomUUID().toString(), pools.now());
            user.status = UserStatus.EXTERNAL_PROVIDER;
            pool.users.put(username, user);
          }
          Map<String, String> known = new LinkedHashMap<>(attributes);
          known.keySet().removeIf(name -> name.equals("sub") || !isAttribute(pool, name));
          user.attributes.putAll(known);
          user.attributes.put(
              "identities",
              Json.array()
                  .add(
                      Json.object()
                          .put("userId", sub)
                          .put("providerName", provider)
                          .put("providerType", "OIDC")
                          .put("primary", true)
                          .put("dateCreated", user.created.toEpochMilli()))
                  .toString());
          user.modified = pools.now();
          if (!user.enabled) {
            throw CognitoException.notAuthorized("User is disabled.");
          }
          return username;
        });
  }

  /** A new sign-in of {@code username} at {@code clientId}: ID, access and refresh token. */
  public ObjectNode issue(String clientId, String username, String scope, String nonce) {
    return locked(
        () -> {
          AppClient client = pools.client(clientId);
          UserPool pool = pools.pool(client.poolId);
          User user = pools.user(pool, username);
          Instant now = pools.now();
          SignIns.SignIn signIn = pools.signIns().start(pool.id, clientId, user.username, now);
          signIn.scope = scope;
          String refreshToken =
              pools.signIns().issueRefreshToken(signIn, now.plus(client.refreshTokenLifetime()));
          return tokens.oauthTokens(pool, client, user, signIn, refreshToken, nonce, now);
        });
  }

  /** grant_type=refresh_token: new ID and access tokens (and a new refresh token when rotating). */
  public ObjectNode refresh(String clientId, String refreshToken) {
    return locked(
        () -> {
          AppClient client = pools.client(clientId);
          UserPool pool = pools.pool(client.poolId);
          SignIns.RefreshToken known =
              pools
                  .signIns()
                  .refreshToken(refreshToken)
                  .filter(t -> t.signIn.clientId.equals(clientId))
                  .orElseThrow(() -> CognitoException.notAuthorized("Invalid Refresh Token"));
          Instant now = pools.now();
          if (known.signIn.revoked || !now.isBefore(known.expires)) {
            throw CognitoException.notAuthorized("Refresh Token has been revoked");
          }
          if (known.supersededAt != null
              && now.isAfter(known.supersededAt.plusSeconds(client.rotationGraceSeconds))) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
          }
          User user = pools.user(pool, known.signIn.username);
          SignInFlow.checkUsable(user);
          String rotated = null;
          if (client.rotation) {
            rotated =
                pools
                    .signIns()
                    .issueRefreshToken(known.signIn, now.plus(client.refreshTokenLifetime()));
            if (known.supersededAt == null) {
              known.supersededAt = now;
            }
          }
          return tokens.oauthTokens(pool, client, user, known.signIn, rotated, null, now);
        });
  }

  /** Ends the sign-in of this refresh token; an unknown token is no error (RFC 7009). */
  public void revoke(String clientId, String refreshToken) {
    locked(
        () -> {
          pools
              .signIns()
              .refreshToken(refreshToken)
              .filter(t -> t.signIn.clientId.equals(clientId))
              .ifPresent(t -> t.signIn.revoked = true);
          return null;
        });
  }

  /** The attributes of the user of a valid access token, as /oauth2/userInfo answers them. */
  public Map<String, String> userInfo(String accessToken) {
    return locked(
        () -> {
          User user = tokens.userOf(accessToken, pools.now());
          Map<String, String> info = new LinkedHashMap<>(user.attributes);
          info.put("username", user.username);
          return info;
        });
  }

  public Optional<String> domainOfPool(String poolId) {
    return locked(() -> Optional.ofNullable(pools.pools.get(poolId)).map(pool -> pool.domain));
  }

  public String issuer(String poolId) {
    return locked(() -> pools.pool(poolId).issuer());
  }

  private static boolean isAttribute(UserPool pool, String name) {
    return name.startsWith("custom:") ? pool.customAttributes.contains(name) : true;
  }

  private <T> T locked(Supplier<T> action) {
    synchronized (lock) {
      return action.get();
    }
  }
}

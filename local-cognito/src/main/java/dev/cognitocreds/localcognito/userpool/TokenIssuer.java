package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.text.ParseException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Signs ID and access tokens with Cognito's claims, and checks access tokens presented back. */
final class TokenIssuer {
  private final UserPools pools;

  TokenIssuer(UserPools pools) {
    this.pools = pools;
  }

  /**
   * The {@code AuthenticationResult} member; {@code refreshToken} may be null (refresh without
   * rotation).
   */
  ObjectNode authenticationResult(
      UserPool pool,
      AppClient client,
      User user,
      SignIns.SignIn signIn,
      String refreshToken,
      Instant now) {
    ObjectNode result = Json.object();
    result
        .put("AccessToken", accessToken(pool, client, user, signIn, now))
        .put("ExpiresIn", client.accessTokenLifetime().toSeconds())
        .put("TokenType", "Bearer");
    if (refreshToken != null) {
      result.put("RefreshToken", refreshToken);
    }
    result.put("IdToken", idToken(pool, client, user, signIn, null, now));
    return result;
  }

  /**
   * The hosted UI's token endpoint answer ({@code id_token}, {@code access_token}, …); {@code
   * nonce} is the authorization request's, null on a refresh; {@code refreshToken} may be null.
   */
  ObjectNode oauthTokens(
      UserPool pool,
      AppClient client,
      User user,
      SignIns.SignIn signIn,
      String refreshToken,
      String nonce,
      Instant now) {
    ObjectNode result = Json.object();
    result
        .put("id_token", idToken(pool, client, user, signIn, nonce, now))
        .put("access_token", accessToken(pool, client, user, signIn, now));
    if (refreshToken != null) {
      result.put("refresh_token", refreshToken);
    }
    result.put("expires_in", client.accessTokenLifetime().toSeconds()).put("token_type", "Bearer");
    return result;
  }

  /**
   * Returns the signed-in user of a valid, unrevoked access token, with Cognito's refusals
   * otherwise.
   */
  User userOf(String accessToken, Instant now) {
    try {
      SignedJWT jwt = SignedJWT.parse(accessToken);
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      String issuer = Objects.toString(claims.getIssuer(), "");
      UserPool pool = pools.byIssuer(issuer).orElseThrow(TokenIssuer::invalidAccessToken);
      if (!jwt.verify(new RSASSAVerifier(pool.signingKey.toRSAPublicKey()))
          || !"access".equals(claims.getStringClaim("token_use"))) {
        throw invalidAccessToken();
      }
      if (!claims.getExpirationTime().toInstant().isAfter(now)) {
        throw CognitoException.notAuthorized("Access Token has expired");
      }
      boolean revoked =
          pools
              .signIns()
              .find(claims.getStringClaim("origin_jti"))
              .map(s -> s.revoked)
              .orElse(true);
      if (revoked) {
        throw CognitoException.notAuthorized("Access Token has been revoked");
      }
      User user = pool.users.get(claims.getStringClaim("username"));
      if (user == null) {
        throw new CognitoException("UserNotFoundException", "User does not exist.");
      }
      return user;
    } catch (ParseException | JOSEException e) {
      throw invalidAccessToken();
    }
  }

  private String idToken(
      UserPool pool,
      AppClient client,
      User user,
      SignIns.SignIn signIn,
      String nonce,
      Instant now) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user.sub());
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    List<Group> groups = groupsOf(pool, user);
    if (!groups.isEmpty()) {
      claims.claim("cognito:groups", groups.stream().map(Group::name).toList());
      List<String> roles =
          groups.stream().map(Group::roleArn).filter(Objects::nonNull).distinct().toList();
      if (!roles.isEmpty()) {
        claims.claim("cognito:roles", roles);
      }
      preferredRole(groups).ifPresent(role -> claims.claim("cognito:preferred_role", role));
    }
    user.attributes.forEach(
        (name, value) -> {
          if (!name.equals("sub")) {
            claims.claim(name, name.endsWith("_verified") ? Boolean.valueOf(value) : value);
          }
        });
    claims
        .issuer(pool.issuer())
        .claim("cognito:username", user.username)
        .claim("origin_jti", signIn.originJti)
        .audience(client.clientId)
        .claim("event_id", UUID.randomUUID().toString())
        .claim("token_use", "id")
        .claim("auth_time", signIn.authTime.getEpochSecond())
        .expirationTime(Date.from(now.plus(client.idTokenLifetime())))
        .issueTime(Date.from(now))
        .jwtID(UUID.randomUUID().toString());
    return sign(pool, claims.build());
  }

  private String accessToken(
      UserPool pool, AppClient client, User user, SignIns.SignIn signIn, Instant now) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user.sub());
    List<Group> groups = groupsOf(pool, user);
    if (!groups.isEmpty()) {
      claims.claim("cognito:groups", groups.stream().map(Group::name).toList());
    }
    claims
        .issuer(pool.issuer())
        .claim("client_id", client.clientId)
        .claim("origin_jti", signIn.originJti)
        .claim("event_id", UUID.randomUUID().toString())
        .claim("token_use", "access")
        .claim("scope", signIn.scope != null ? signIn.scope : "aws.cognito.signin.user.admin")
        .claim("auth_time", signIn.authTime.getEpochSecond())
        .expirationTime(Date.from(now.plus(client.accessTokenLifetime())))
        .issueTime(Date.from(now))
        .jwtID(UUID.randomUUID().toString())
        .claim("username", user.username);
    return sign(pool, claims.build());
  }

  private static List<Group> groupsOf(UserPool pool, User user) {
    return user.groups.stream()
        .map(pool.groups::get)
        .filter(Objects::nonNull)
        .sorted(
            Comparator.comparing(g -> g.precedence() == null ? Integer.MAX_VALUE : g.precedence()))
        .toList();
  }

  /** The role of the group with the lowest precedence; none when that precedence is shared. */
  private static Optional<String> preferredRole(List<Group> groups) {
    List<Group> withRole = groups.stream().filter(g -> g.roleArn() != null).toList();
    if (withRole.isEmpty()) {
      return Optional.empty();
    }
    Group first = withRole.get(0);
    boolean tie =
        withRole.size() > 1 && Objects.equals(withRole.get(1).precedence(), first.precedence());
    return tie ? Optional.empty() : Optional.of(first.roleArn());
  }

  private static String sign(UserPool pool, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(pool.signingKey.getKeyID()).build(),
              claims);
      jwt.sign(new RSASSASigner(pool.signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CognitoException invalidAccessToken() {
    return CognitoException.notAuthorized("Invalid Access Token");
  }
}

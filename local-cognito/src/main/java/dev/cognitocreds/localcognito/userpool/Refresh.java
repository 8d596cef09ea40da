package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.time.Instant;
import java.util.Map;

/**
 * Refresh tokens: REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken (with rotation) and RevokeToken.
 */
final class Refresh {
  private final UserPools pools;
  private final TokenIssuer tokens;

  Refresh(UserPools pools, TokenIssuer tokens) {
    this.pools = pools;
    this.tokens = tokens;
  }

  void register(Map<String, Operation> operations) {
    operations.put("GetTokensFromRefreshToken", this::getTokensFromRefreshToken);
    operations.put("RevokeToken", this::revokeToken);
  }

  ObjectNode withInitiateAuth(UserPool pool, AppClient client, Map<String, String> parameters) {
    if (client.rotation) {
      // Cognito: "Refresh token rotation must be completed with GetTokensFromRefreshToken."
      throw CognitoException.invalidParameter(
          "Refresh token rotation is enabled for this app client: "
              + "use GetTokensFromRefreshToken instead of REFRESH_TOKEN_AUTH.");
    }
    SignIns.RefreshToken refreshToken =
        valid(client, SignInFlow.parameter(parameters, "REFRESH_TOKEN"));
    User user = pools.user(pool, refreshToken.signIn.username);
    Secrets.check(
        client,
        parameters.get("SECRET_HASH"),
        parameters.get("USERNAME"),
        user.username,
        user.sub());
    SignInFlow.checkUsable(user);
    ObjectNode response = Json.object();
    response.putObject("ChallengeParameters");
    response.set(
        "AuthenticationResult",
        tokens.authenticationResult(pool, client, user, refreshToken.signIn, null, pools.now()));
    return response;
  }

  private JsonNode getTokensFromRefreshToken(JsonNode request) {
    AppClient client = pools.client(Json.required(request, "ClientId"));
    UserPool pool = pools.pool(client.poolId);
    Secrets.checkClientSecret(client, Json.optional(request, "ClientSecret").orElse(null));
    SignIns.RefreshToken refreshToken = valid(client, Json.required(request, "RefreshToken"));
    User user = pools.user(pool, refreshToken.signIn.username);
    SignInFlow.checkUsable(user);
    String rotated = null;
    if (client.rotation) {
      Instant now = pools.now();
      rotated =
          pools
              .signIns()
              .issueRefreshToken(refreshToken.signIn, now.plus(client.refreshTokenLifetime()));
      if (refreshToken.supersededAt == null) {
        refreshToken.supersededAt = now;
      }
    }
    ObjectNode response = Json.object();
    response.set(
        "AuthenticationResult",
        tokens.authenticationResult(pool, client, user, refreshToken.signIn, rotated, pools.now()));
    return response;
  }

  private JsonNode revokeToken(JsonNode request) {
    AppClient client = pools.client(Json.required(request, "ClientId"));
    pools.pool(client.poolId); // the client's pool must exist, as in Cognito
    if (!client.tokenRevocation) {
      throw new CognitoException(
          "UnsupportedOperationException", "Token revocation is not enabled for this client.");
    }
    Secrets.checkClientSecret(client, Json.optional(request, "ClientSecret").orElse(null));
    String token = Json.required(request, "Token");
    SignIns.RefreshToken refreshToken = pools.signIns().refreshToken(token).orElse(null);
    if (refreshToken == null) {
      if (token.chars().filter(c -> c == '.').count() == 2) {
        throw new CognitoException("UnsupportedTokenTypeException", "Unsupported token type.");
      }
      return Json.object();
    }
    if (!refreshToken.signIn.clientId.equals(client.clientId)) {
      throw new CognitoException(
          "UnauthorizedException", "Client is not authorized to revoke this token.");
    }
    refreshToken.signIn.revoked = true;
    return Json.object();
  }

  private SignIns.RefreshToken valid(AppClient client, String token) {
    SignIns.RefreshToken refreshToken =
        pools
            .signIns()
            .refreshToken(token)
            .filter(t -> t.signIn.clientId.equals(client.clientId))
            .orElseThrow(() -> CognitoException.notAuthorized("Invalid Refresh Token"));
    Instant now = pools.now();
    if (refreshToken.signIn.revoked) {
      throw CognitoException.notAuthorized("Refresh Token has been revoked");
    }
    if (!now.isBefore(refreshToken.expires)) {
      throw CognitoException.notAuthorized("Refresh Token has expired");
    }
    if (refreshToken.supersededAt != null
        && now.isAfter(refreshToken.supersededAt.plusSeconds(client.rotationGraceSeconds))) {
      throw CognitoException.notAuthorized("Invalid Refresh Token");
    }
    return refreshToken;
  }
}

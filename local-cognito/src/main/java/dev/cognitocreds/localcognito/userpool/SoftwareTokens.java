package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.util.Map;

/**
 * TOTP enrolment and MFA preferences. AssociateSoftwareToken / VerifySoftwareToken take either the
 * {@code Session} of an MFA_SETUP challenge or the {@code AccessToken} of a signed-in user.
 */
final class SoftwareTokens {
  private final UserPools pools;
  private final TokenIssuer tokens;

  SoftwareTokens(UserPools pools, TokenIssuer tokens) {
    this.pools = pools;
    this.tokens = tokens;
  }

  void register(Map<String, Operation> operations) {
    operations.put("AssociateSoftwareToken", this::associate);
    operations.put("VerifySoftwareToken", this::verify);
    operations.put("SetUserMFAPreference", this::setPreference);
  }

  private JsonNode associate(JsonNode request) {
    String secret = Totp.newSecret(pools.random());
    ObjectNode response = Json.object().put("SecretCode", secret);
    if (request.hasNonNull("Session")) {
      AuthSession session = setupSession(request);
      session.pendingTotpSecret = secret;
      response.put("Session", reopen(request, session));
    } else {
      tokens.userOf(Json.required(request, "AccessToken"), pools.now()).pendingTotpSecret = secret;
    }
    return response;
  }

  private JsonNode verify(JsonNode request) {
    String code = Json.required(request, "UserCode");
    ObjectNode response = Json.object().put("Status", "SUCCESS");
    if (request.hasNonNull("Session")) {
      AuthSession session = setupSession(request);
      check(session.pendingTotpSecret, code);
      session.totpVerified = true;
      User user = pools.user(pools.pool(session.poolId), session.username);
      user.totpSecret = session.pendingTotpSecret;
      response.put("Session", reopen(request, session));
    } else {
      User user = tokens.userOf(Json.required(request, "AccessToken"), pools.now());
      check(user.pendingTotpSecret, code);
      user.totpSecret = user.pendingTotpSecret;
      user.pendingTotpSecret = null;
      user.mfaEnabled.add(MfaType.SOFTWARE_TOKEN_MFA);
    }
    return response;
  }

  private JsonNode setPreference(JsonNode request) {
    User user = tokens.userOf(Json.required(request, "AccessToken"), pools.now());
    apply(user, MfaType.SMS_MFA, request.get("SMSMfaSettings"));
    apply(user, MfaType.SOFTWARE_TOKEN_MFA, request.get("SoftwareTokenMfaSettings"));
    apply(user, MfaType.EMAIL_OTP, request.get("EmailMfaSettings"));
    return Json.object();
  }

  private static void apply(User user, MfaType type, JsonNode settings) {
    if (settings == null || settings.isNull()) {
      return;
    }
    if (type == MfaType.SOFTWARE_TOKEN_MFA
        && settings.path("Enabled").asBoolean()
        && user.totpSecret == null) {
      throw CognitoException.invalidParameter("User has not verified software token mfa");
    }
    if (settings.path("Enabled").asBoolean()) {
      user.mfaEnabled.add(type);
    } else {
      user.mfaEnabled.remove(type);
    }
    if (settings.path("PreferredMfa").asBoolean()) {
      user.preferredMfa = type;
    } else if (user.preferredMfa == type && !user.mfaEnabled.contains(type)) {
      user.preferredMfa = null;
    }
  }

  private AuthSession setupSession(JsonNode request) {
    AuthSession session = pools.sessions().get(request.get("Session").asText(), pools.now());
    if (!"MFA_SETUP".equals(session.challenge)) {
      throw CognitoException.notAuthorized("Invalid session for the user.");
    }
    return session;
  }

  private String reopen(JsonNode request, AuthSession session) {
    pools.sessions().close(request.get("Session").asText());
    return pools.sessions().open(session);
  }

  private void check(String secret, String code) {
    if (secret == null || !Totp.verify(secret, code, pools.now())) {
      throw new CognitoException(
          "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }
  }
}

package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What comes after a proven password: a new password, an MFA challenge, or the tokens. */
final class SignInSteps {
  private final UserPools pools;
  private final TokenIssuer tokens;

  SignInSteps(UserPools pools, TokenIssuer tokens) {
    this.pools = pools;
    this.tokens = tokens;
  }

  ObjectNode afterPassword(UserPool pool, AppClient client, User user) {
    if (user.status == UserStatus.FORCE_CHANGE_PASSWORD) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("USER_ID_FOR_SRP", user.username);
      parameters.put(
          "requiredAttributes",
          Json.MAPPER
              .valueToTree(
                  pool.missingRequired(user).stream().map(a -> "userAttributes." + a).toList())
              .toString());
      Map<String, String> visible = new LinkedHashMap<>(user.attributes);
      visible.remove("sub");
      parameters.put("userAttributes", Json.MAPPER.valueToTree(visible).toString());
      return challenge(
          new AuthSession(
              pool.id, client.clientId, user.username, "NEW_PASSWORD_REQUIRED", sessionEnd(client)),
          parameters);
    }
    return afterNewPassword(pool, client, user);
  }

  ObjectNode afterNewPassword(UserPool pool, AppClient client, User user) {
    if (!pool.mfaActive()) {
      return signedIn(pool, client, user);
    }
    List<MfaType> enabled = new ArrayList<>(user.mfaEnabled);
    enabled.retainAll(pool.mfaFactors);
    if (enabled.isEmpty()) {
      return "ON".equals(pool.mfaConfiguration)
          ? mandatoryWithoutFactor(pool, client, user)
          : signedIn(pool, client, user);
    }
    if (user.preferredMfa != null && enabled.contains(user.preferredMfa)) {
      return mfaChallenge(pool, client, user, user.preferredMfa);
    }
    if (enabled.size() == 1) {
      return mfaChallenge(pool, client, user, enabled.get(0));
    }
    AuthSession session =
        new AuthSession(
            pool.id, client.clientId, user.username, "SELECT_MFA_TYPE", sessionEnd(client));
    session.choices = List.copyOf(enabled);
    return challenge(
        session,
        Map.of(
            "MFAS_CAN_CHOOSE",
            Json.MAPPER.valueToTree(enabled.stream().map(Enum::name).toList()).toString()));
  }

  ObjectNode mfaChallenge(UserPool pool, AppClient client, User user, MfaType type) {
    AuthSession session =
        new AuthSession(pool.id, client.clientId, user.username, type.name(), sessionEnd(client));
    Map<String, String> parameters = new LinkedHashMap<>();
    if (type == MfaType.SMS_MFA) {
      session.code = pools.sendCode(pool, user, "SMS", type.name());
      parameters.put("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS");
      parameters.put(
          "CODE_DELIVERY_DESTINATION",
          Masking.phone(user.attributes.getOrDefault("phone_number", "")));
    } else if (type == MfaType.EMAIL_OTP) {
      session.code = pools.sendCode(pool, user, "EMAIL", type.name());
      parameters.put("CODE_DELIVERY_DELIVERY_MEDIUM", "EMAIL");
      parameters.put(
          "CODE_DELIVERY_DESTINATION", Masking.email(user.attributes.getOrDefault("email", "")));
    }
    return challenge(session, parameters);
  }

  ObjectNode signedIn(UserPool pool, AppClient client, User user) {
    SignIns.SignIn signIn =
        pools.signIns().start(pool.id, client.clientId, user.username, pools.now());
    String refreshToken =
        pools.signIns().issueRefreshToken(signIn, pools.now().plus(client.refreshTokenLifetime()));
    ObjectNode response = Json.object();
    response.putObject("ChallengeParameters");
    response.set(
        "AuthenticationResult",
        tokens.authenticationResult(pool, client, user, signIn, refreshToken, pools.now()));
    return response;
  }

  /**
   * MFA is required but the user has no usable factor: set up TOTP, or fall back to SMS / e-mail.
   */
  private ObjectNode mandatoryWithoutFactor(UserPool pool, AppClient client, User user) {
    if (pool.mfaFactors.contains(MfaType.SOFTWARE_TOKEN_MFA)) {
      List<String> canSetUp = pool.mfaFactors.stream().map(Enum::name).toList();
      return challenge(
          new AuthSession(pool.id, client.clientId, user.username, "MFA_SETUP", sessionEnd(client)),
          Map.of("MFAS_CAN_SETUP", Json.MAPPER.valueToTree(canSetUp).toString()));
    }
    if (pool.mfaFactors.contains(MfaType.SMS_MFA) && user.attributes.containsKey("phone_number")) {
      return mfaChallenge(pool, client, user, MfaType.SMS_MFA);
    }
    return mfaChallenge(pool, client, user, MfaType.EMAIL_OTP);
  }

  ObjectNode challenge(AuthSession session, Map<String, String> parameters) {
    ObjectNode response =
        Json.object()
            .put("ChallengeName", session.challenge)
            .put("Session", pools.sessions().open(session));
    response.set("ChallengeParameters", Json.stringMapNode(parameters));
    return response;
  }

  Instant sessionEnd(AppClient client) {
    return pools.now().plus(Duration.ofMinutes(client.authSessionMinutes));
  }
}

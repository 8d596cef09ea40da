package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** InitiateAuth and RespondToAuthChallenge. */
final class SignInFlow {
  private static final String WRONG_PASSWORD = "Incorrect username or password.";

  private final UserPools pools;
  private final SignInSteps steps;
  private final Refresh refresh;

  SignInFlow(UserPools pools, SignInSteps steps, Refresh refresh) {
    this.pools = pools;
    this.steps = steps;
    this.refresh = refresh;
  }

  void register(Map<String, Operation> operations) {
    operations.put("InitiateAuth", this::initiateAuth);
    operations.put("RespondToAuthChallenge", this::respondToAuthChallenge);
  }

  private JsonNode initiateAuth(JsonNode request) {
    AppClient client = pools.client(Json.required(request, "ClientId"));
    UserPool pool = pools.pool(client.poolId);
    String flow = Json.required(request, "AuthFlow");
    Map<String, String> parameters = Json.stringMap(request, "AuthParameters");
    return switch (flow) {
      case "USER_SRP_AUTH" -> startSrp(pool, client, parameters);
      case "USER_PASSWORD_AUTH" -> passwordAuth(pool, client, parameters);
      case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
        requireFlow(client, "REFRESH_TOKEN_AUTH");
        yield refresh.withInitiateAuth(pool, client, parameters);
      }
      default -> throw CognitoException.invalidParameter("Initiate Auth method not supported.");
    };
  }

  private JsonNode startSrp(UserPool pool, AppClient client, Map<String, String> parameters) {
    requireFlow(client, "USER_SRP_AUTH");
    String login = parameter(parameters, "USERNAME");
    String srpA = parameter(parameters, "SRP_A");
    Secrets.check(client, parameters.get("SECRET_HASH"), login);
    User user = pool.findUser(login).orElse(null);
    if (user == null && !client.preventUserExistenceErrors) {
      throw new CognitoException("UserNotFoundException", "User does not exist.");
    }
    // An unknown user (with PreventUserExistenceErrors) or one without a password gets a challenge
    // that no password can answer, so that the refusal comes where a wrong password's would.
    String userId = user == null ? login : user.username;
    PasswordVerifier verifier =
        user != null && user.password != null
            ? user.password
            : PasswordVerifier.create(
                pool.id, userId, UUID.randomUUID().toString(), pools.random());
    SrpChallenge srp;
    try {
      srp =
          SrpChallenge.start(srpA, verifier, pools.random())
              .orElseThrow(() -> CognitoException.invalidParameter("SRP_A cannot be 0."));
    } catch (NumberFormatException e) {
      throw CognitoException.invalidParameter("SRP_A is not a hexadecimal number.");
    }
    AuthSession session =
        new AuthSession(
            pool.id,
            client.clientId,
            user == null ? null : user.username,
            "PASSWORD_VERIFIER",
            steps.sessionEnd(client));
    session.srp = srp;
    Map<String, String> challenge = new LinkedHashMap<>();
    challenge.put("SALT", srp.saltHex());
    challenge.put("SECRET_BLOCK", srp.secretBlockBase64());
    challenge.put("SRP_B", srp.srpBHex());
    challenge.put("USERNAME", userId);
    challenge.put("USER_ID_FOR_SRP", userId);
    return steps.challenge(session, challenge);
  }

  private JsonNode passwordAuth(UserPool pool, AppClient client, Map<String, String> parameters) {
    if (!client.allows("USER_PASSWORD_AUTH")) {
      throw CognitoException.invalidParameter(
          "USER_PASSWORD_AUTH flow not enabled for this client");
    }
    String login = parameter(parameters, "USERNAME");
    String password = parameter(parameters, "PASSWORD");
    Secrets.check(client, parameters.get("SECRET_HASH"), login);
    User user = findForSignIn(pool, client, login);
    if (user.password == null || !user.password.matches(pool.id, user.username, password)) {
      throw CognitoException.notAuthorized(WRONG_PASSWORD);
    }
    checkUsable(user);
    return steps.afterPassword(pool, client, user);
  }

  private JsonNode respondToAuthChallenge(JsonNode request) {
    AppClient client = pools.client(Json.required(request, "ClientId"));
    UserPool pool = pools.pool(client.poolId);
    String challengeName = Json.required(request, "ChallengeName");
    Map<String, String> responses = Json.stringMap(request, "ChallengeResponses");
    String sessionId = Json.optional(request, "Session").orElse(null);
    AuthSession session = pools.sessions().get(sessionId, pools.now());
    if (!session.clientId.equals(client.clientId) || !session.challenge.equals(challengeName)) {
      throw CognitoException.invalidParameter(
          "Invalid challenge response for " + challengeName + ".");
    }
    if (session.username == null) {
      pools.sessions().close(sessionId);
      throw CognitoException.notAuthorized(WRONG_PASSWORD);
    }
    User user = pools.user(pool, session.username);
    Secrets.check(
        client,
        responses.get("SECRET_HASH"),
        responses.getOrDefault("USERNAME", user.username),
        user.username);
    return switch (challengeName) {
      case "PASSWORD_VERIFIER" ->
          passwordVerifier(pool, client, user, sessionId, session, responses);
      case "NEW_PASSWORD_REQUIRED" -> newPassword(pool, client, user, sessionId, responses);
      case "SMS_MFA", "EMAIL_OTP" -> sentCode(pool, client, user, sessionId, session, responses);
      case "SOFTWARE_TOKEN_MFA" -> softwareToken(pool, client, user, sessionId, responses);
      case "SELECT_MFA_TYPE" -> selectMfa(pool, client, user, sessionId, session, responses);
      case "MFA_SETUP" -> mfaSetup(pool, client, user, sessionId, session);
      default ->
          throw CognitoException.invalidParameter("Unsupported challenge " + challengeName + ".");
    };
  }

  private JsonNode passwordVerifier(
      UserPool pool,
      AppClient client,
      User user,
      String sessionId,
      AuthSession session,
      Map<String, String> responses) {
    String timestamp = parameter(responses, "TIMESTAMP");
    String block = parameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
    String signature = parameter(responses, "PASSWORD_CLAIM_SIGNATURE");
    pools.sessions().close(sessionId);
    if (!SrpChallenge.timestampAcceptable(timestamp, pools.now())) {
      throw CognitoException.notAuthorized("Timestamp is out of range or malformed.");
    }
    if (!session.srp.secretBlockMatches(block)
        || !session.srp.signatureMatches(pool.id, user.username, timestamp, signature)) {
      throw CognitoException.notAuthorized(WRONG_PASSWORD);
    }
    checkUsable(user);
    return steps.afterPassword(pool, client, user);
  }

  private JsonNode newPassword(
      UserPool pool, AppClient client, User user, String sessionId, Map<String, String> responses) {
    String password = parameter(responses, "NEW_PASSWORD");
    pool.passwordPolicy.check(password);
    Map<String, String> attributes = new LinkedHashMap<>();
    responses.forEach(
        (key, value) -> {
          if (key.startsWith("userAttributes.")) {
            attributes.put(key.substring("userAttributes.".length()), value);
          }
        });
    pool.checkAttributes(attributes);
    user.attributes.putAll(attributes);
    var missing = pool.missingRequired(user);
    if (!missing.isEmpty()) {
      throw CognitoException.invalidParameter(
          "Invalid attributes given, " + missing.get(0) + " is missing");
    }
    user.password = PasswordVerifier.create(pool.id, user.username, password, pools.random());
    user.status = UserStatus.CONFIRMED;
    user.modified = pools.now();
    pools.sessions().close(sessionId);
    return steps.afterNewPassword(pool, client, user);
  }

  private JsonNode sentCode(
      UserPool pool,
      AppClient client,
      User user,
      String sessionId,
      AuthSession session,
      Map<String, String> responses) {
    String code = parameter(responses, MfaType.valueOf(session.challenge).responseKey());
    if (!code.equals(session.code)) {
      throw new CognitoException("CodeMismatchException", "Invalid code received for user");
    }
    pools.sessions().close(sessionId);
    return steps.signedIn(pool, client, user);
  }

  private JsonNode softwareToken(
      UserPool pool, AppClient client, User user, String sessionId, Map<String, String> responses) {
    String code = parameter(responses, "SOFTWARE_TOKEN_MFA_CODE");
    if (user.totpSecret == null || !Totp.verify(user.totpSecret, code, pools.now())) {
      throw new CognitoException("CodeMismatchException", "Invalid code received for user");
    }
    pools.sessions().close(sessionId);
    return steps.signedIn(pool, client, user);
  }

  private JsonNode selectMfa(
      UserPool pool,
      AppClient client,
      User user,
      String sessionId,
      AuthSession session,
      Map<String, String> responses) {
    String answer = parameter(responses, "ANSWER");
    MfaType chosen =
        session.choices.stream()
            .filter(t -> t.name().equals(answer))
            .findFirst()
            .orElseThrow(() -> CognitoException.invalidParameter("Invalid MFA type: " + answer));
    pools.sessions().close(sessionId);
    return steps.mfaChallenge(pool, client, user, chosen);
  }

  private JsonNode mfaSetup(
      UserPool pool, AppClient client, User user, String sessionId, AuthSession session) {
    if (!session.totpVerified) {
      throw CognitoException.invalidParameter(
          "Software token has not been verified: call AssociateSoftwareToken and VerifySoftwareToken first.");
    }
    user.mfaEnabled.add(MfaType.SOFTWARE_TOKEN_MFA);
    user.preferredMfa = MfaType.SOFTWARE_TOKEN_MFA;
    pools.sessions().close(sessionId);
    return steps.signedIn(pool, client, user);
  }

  private User findForSignIn(UserPool pool, AppClient client, String login) {
    return pool.findUser(login)
        .orElseThrow(
            () ->
                client.preventUserExistenceErrors
                    ? CognitoException.notAuthorized(WRONG_PASSWORD)
                    : new CognitoException("UserNotFoundException", "User does not exist."));
  }

  static void checkUsable(User user) {
    if (!user.enabled) {
      throw CognitoException.notAuthorized("User is disabled.");
    }
    if (user.status == UserStatus.UNCONFIRMED) {
      throw new CognitoException("UserNotConfirmedException", "User is not confirmed.");
    }
    if (user.status == UserStatus.RESET_REQUIRED) {
      throw new CognitoException(
          "PasswordResetRequiredException", "Password reset required for the user");
    }
  }

  private static void requireFlow(AppClient client, String flow) {
    if (!client.allows(flow)) {
      throw CognitoException.invalidParameter(flow + " is not enabled for the client.");
    }
  }

  static String parameter(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null || value.isEmpty()) {
      throw CognitoException.invalidParameter("Missing required parameter " + name);
    }
    return value;
  }
}

package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import dev.cognitocreds.localcognito.Operation;
import java.time.Duration;
import java.util.Map;

/**
 * What users do for themselves: sign-up, confirmation, password reset and change, GetUser,
 * sign-out.
 */
final class SelfService {
  private static final Duration CODE_VALIDITY = Duration.ofHours(1);
  private static final String SIGN_UP = "SIGN_UP";
  private static final String FORGOT_PASSWORD = "FORGOT_PASSWORD";

  private final UserPools pools;
  private final TokenIssuer tokens;

  SelfService(UserPools pools, TokenIssuer tokens) {
    this.pools = pools;
    this.tokens = tokens;
  }

  void register(Map<String, Operation> operations) {
    operations.put("SignUp", this::signUp);
    operations.put("ConfirmSignUp", this::confirmSignUp);
    operations.put("ResendConfirmationCode", this::resendConfirmationCode);
    operations.put("ForgotPassword", this::forgotPassword);
    operations.put("ConfirmForgotPassword", this::confirmForgotPassword);
    operations.put("ChangePassword", this::changePassword);
    operations.put("GetUser", this::getUser);
    operations.put("GlobalSignOut", this::globalSignOut);
    operations.put("UpdateUserAttributes", this::updateUserAttributes);
  }

  private JsonNode signUp(JsonNode request) {
    Caller caller = caller(request);
    UserPool pool = caller.pool();
    String login = caller.login();
    String password = Json.required(request, "Password");
    pool.passwordPolicy.check(password);
    Map<String, String> attributes = Provisioning.attributeList(request, "UserAttributes");
    pool.checkAttributes(attributes);
    User user = pool.newUser(login, pools.now());
    user.attributes.putAll(attributes);
    var missing = pool.missingRequired(user);
    if (!missing.isEmpty()) {
      pool.users.remove(user.username);
      throw CognitoException.invalidParameter(
          "Attributes did not conform to the schema: "
              + missing.get(0)
              + ": The attribute "
              + missing.get(0)
              + " is required");
    }
    user.password = PasswordVerifier.create(pool.id, user.username, password, pools.random());
    user.status = UserStatus.UNCONFIRMED;
    ObjectNode response = Json.object().put("UserConfirmed", false);
    String medium = confirmationMedium(pool, user);
    if (medium != null) {
      response.set("CodeDeliveryDetails", sendPendingCode(pool, user, medium, SIGN_UP));
    }
    response.put("UserSub", user.sub());
    return response;
  }

  private JsonNode confirmSignUp(JsonNode request) {
    Caller caller = caller(request);
    UserPool pool = caller.pool();
    String login = caller.login();
    User user = pools.user(pool, login);
    if (user.status != UserStatus.UNCONFIRMED) {
      throw CognitoException.notAuthorized(
          "User cannot be confirmed. Current status is " + user.status);
    }
    checkPendingCode(user, SIGN_UP, Json.required(request, "ConfirmationCode"));
    user.status = UserStatus.CONFIRMED;
    markVerified(pool, user);
    return Json.object();
  }

  private JsonNode resendConfirmationCode(JsonNode request) {
    Caller caller = caller(request);
    UserPool pool = caller.pool();
    String login = caller.login();
    User user = pools.user(pool, login);
    if (user.status != UserStatus.UNCONFIRMED) {
      throw CognitoException.invalidParameter("User is already confirmed.");
    }
    String medium = confirmationMedium(pool, user);
    if (medium == null) {
      throw CognitoException.invalidParameter("Auto verification not turned on.");
    }
    ObjectNode response = Json.object();
    response.set("CodeDeliveryDetails", sendPendingCode(pool, user, medium, SIGN_UP));
    return response;
  }

  private JsonNode forgotPassword(JsonNode request) {
    Caller caller = caller(request);
    UserPool pool = caller.pool();
    String login = caller.login();
    User user =
        pool.findUser(login)
            .orElseThrow(
                () ->
                    new CognitoException(
                        "UserNotFoundException", "Username/client id combination not found."));
    String medium =
        user.attributes.containsKey("email")
            ? "EMAIL"
            : user.attributes.containsKey("phone_number") ? "SMS" : null;
    if (medium == null) {
      throw CognitoException.invalidParameter(
          "Cannot reset password for the user as there is no registered/"
              + "verified email or phone_number");
    }
    ObjectNode response = Json.object();
    response.set("CodeDeliveryDetails", sendPendingCode(pool, user, medium, FORGOT_PASSWORD));
    return response;
  }

  private JsonNode confirmForgotPassword(JsonNode request) {
    Caller caller = caller(request);
    UserPool pool = caller.pool();
    String login = caller.login();
    User user = pools.user(pool, login);
    String password = Json.required(request, "Password");
    checkPendingCode(user, FORGOT_PASSWORD, Json.required(request, "ConfirmationCode"));
    pool.passwordPolicy.check(password);
    user.password = PasswordVerifier.create(pool.id, user.username, password, pools.random());
    if (user.status != UserStatus.UNCONFIRMED) {
      user.status = UserStatus.CONFIRMED;
    }
    user.modified = pools.now();
    return Json.object();
  }

  private JsonNode changePassword(JsonNode request) {
    User user = tokens.userOf(Json.required(request, "AccessToken"), pools.now());
    UserPool pool = poolOf(user);
    if (!user.password.matches(
        pool.id, user.username, Json.required(request, "PreviousPassword"))) {
      throw CognitoException.notAuthorized("Incorrect username or password.");
    }
    String proposed = Json.required(request, "ProposedPassword");
    pool.passwordPolicy.check(proposed);
    user.password = PasswordVerifier.create(pool.id, user.username, proposed, pools.random());
    user.modified = pools.now();
    return Json.object();
  }

  private JsonNode getUser(JsonNode request) {
    User user = tokens.userOf(Json.required(request, "AccessToken"), pools.now());
    ObjectNode response = Json.object().put("Username", user.username);
    response.set("UserAttributes", user.attributesJson());
    if (user.preferredMfa != null) {
      response.put("PreferredMfaSetting", user.preferredMfa.name());
    }
    if (!user.mfaEnabled.isEmpty()) {
      user.mfaEnabled.forEach(t -> response.withArray("UserMFASettingList").add(t.name()));
    }
    return response;
  }

  /**
   * The signed-in user changes their own attributes, only those the app client may write; an
   * attribute outside the pool's schema or only Cognito sets is refused as Cognito does.
   */
  private JsonNode updateUserAttributes(JsonNode request) {
    String accessToken = Json.required(request, "AccessToken");
    User user = tokens.userOf(accessToken, pools.now());
    UserPool pool = poolOf(user);
    AppClient client = pool.client(tokens.clientIdOf(accessToken));
    Map<String, String> attributes = Provisioning.attributeList(request, "UserAttributes");
    pool.checkAttributes(attributes);
    for (String attribute : attributes.keySet()) {
      if (attribute.equals("sub") || !client.mayWrite(attribute)) {
        throw CognitoException.notAuthorized("A client attempted to write unauthorized attribute");
      }
    }
    user.attributes.putAll(attributes);
    user.modified = pools.now();
    ObjectNode response = Json.object();
    response.putArray("CodeDeliveryDetailsList");
    return response;
  }

  private JsonNode globalSignOut(JsonNode request) {
    User user = tokens.userOf(Json.required(request, "AccessToken"), pools.now());
    pools.signIns().revokeAll(poolOf(user).id, user.username);
    return Json.object();
  }

  private UserPool poolOf(User user) {
    return pools.pools.values().stream()
        .filter(p -> p.users.get(user.username) == user)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The app client, its pool and the username of an unauthenticated self-service call, secret hash
   * checked.
   */
  private record Caller(UserPool pool, String login) {}

  private Caller caller(JsonNode request) {
    AppClient client = pools.client(Json.required(request, "ClientId"));
    String login = Json.required(request, "Username");
    Secrets.check(client, Json.optional(request, "SecretHash").orElse(null), login);
    return new Caller(pools.pool(client.poolId), login);
  }

  private static String confirmationMedium(UserPool pool, User user) {
    if (pool.autoVerified.contains("email") && user.attributes.containsKey("email")) {
      return "EMAIL";
    }
    if (pool.autoVerified.contains("phone_number") && user.attributes.containsKey("phone_number")) {
      return "SMS";
    }
    return null;
  }

  private ObjectNode sendPendingCode(UserPool pool, User user, String medium, String purpose) {
    user.pendingCode = pools.sendCode(pool, user, medium, purpose);
    user.pendingCodePurpose = purpose;
    user.pendingCodeExpires = pools.now().plus(CODE_VALIDITY);
    boolean sms = "SMS".equals(medium);
    return Json.object()
        .put(
            "Destination",
            sms
                ? Masking.phone(user.attributes.get("phone_number"))
                : Masking.email(user.attributes.get("email")))
        .put("DeliveryMedium", medium)
        .put("AttributeName", sms ? "phone_number" : "email");
  }

  private void checkPendingCode(User user, String purpose, String code) {
    if (user.pendingCode == null
        || !purpose.equals(user.pendingCodePurpose)
        || !user.pendingCode.equals(code)) {
      throw new CognitoException(
          "CodeMismatchException", "Invalid verification code provided, please try again.");
    }
    if (!pools.now().isBefore(user.pendingCodeExpires)) {
      throw new CognitoException(
          "ExpiredCodeException", "Invalid code provided, please request a code again.");
    }
    user.pendingCode = null;
    user.pendingCodePurpose = null;
  }

  private static void markVerified(UserPool pool, User user) {
    if (pool.autoVerified.contains("email") && user.attributes.containsKey("email")) {
      user.attributes.put("email_verified", "true");
    } else if (pool.autoVerified.contains("phone_number")
        && user.attributes.containsKey("phone_number")) {
      user.attributes.put("phone_number_verified", "true");
    }
  }
}

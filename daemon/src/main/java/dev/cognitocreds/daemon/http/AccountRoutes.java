package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.account.Accounts;
import dev.cognitocreds.daemon.account.CodeDelivery;
import dev.cognitocreds.daemon.account.SignUpResult;
import dev.cognitocreds.daemon.auth.ChallengeField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The account chores (docs/protocol.md, "Account chores"): each route is one Cognito call, and each
 * answer says what to ask next in the same {@code fields} form as the sign-in conversation. The
 * daemon keeps nothing between two calls: the client sends the username again each time.
 */
final class AccountRoutes {

  private static final ChallengeField CODE =
      new ChallengeField("CONFIRMATION_CODE", "Code", true, false, List.of());
  private static final ChallengeField NEW_PASSWORD =
      new ChallengeField("NEW_PASSWORD", "New password", true, true, List.of());

  private final Accounts accounts;

  AccountRoutes(Accounts accounts) {
    this.accounts = accounts;
  }

  byte[] signUp(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    String username = text(body, "username");
    SignUpResult result =
        accounts.signUp(profile, username, text(body, "password"), attributes(body));
    Map<String, Object> answer = start(profile, username);
    if (result instanceof SignUpResult.AttributesRequired required) {
      answer.put("status", "ATTRIBUTES_REQUIRED");
      answer.put("message", "The user pool needs more about you to create the account.");
      answer.put("fields", required.fields().stream().map(ApiRoutes::field).toList());
    } else if (result instanceof SignUpResult.ConfirmationSent sent) {
      codeSent(
          answer,
          "CONFIRMATION_REQUIRED",
          "Enter the code sent " + sent.delivery().describe() + " to confirm the account.",
          sent.delivery(),
          List.of(CODE));
    } else {
      answer.put("status", "CONFIRMED");
    }
    return Json.bytes(answer);
  }

  byte[] confirmSignUp(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    String username = text(body, "username");
    accounts.confirmSignUp(profile, username, text(body, "code"));
    Map<String, Object> answer = start(profile, username);
    answer.put("status", "CONFIRMED");
    return Json.bytes(answer);
  }

  byte[] resendConfirmationCode(RouteRequest request) {
    return answerCodeSent(
        request,
        accounts::resendConfirmationCode,
        "CONFIRMATION_REQUIRED",
        "Enter the new code sent %s to confirm the account.",
        List.of(CODE));
  }

  byte[] forgotPassword(RouteRequest request) {
    return answerCodeSent(
        request,
        accounts::forgotPassword,
        "CODE_SENT",
        "Enter the code sent %s and choose a new password.",
        List.of(CODE, NEW_PASSWORD));
  }

  /** The chores that only take a username and send a code somewhere. */
  private static byte[] answerCodeSent(
      RouteRequest request,
      BiFunction<String, String, CodeDelivery> chore,
      String status,
      String message,
      List<ChallengeField> fields) {
    String profile = request.param("p");
    String username = text(Json.object(request.body()), "username");
    CodeDelivery delivery = chore.apply(profile, username);
    Map<String, Object> answer = start(profile, username);
    codeSent(answer, status, String.format(message, delivery.describe()), delivery, fields);
    return Json.bytes(answer);
  }

  byte[] confirmForgotPassword(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    String username = text(body, "username");
    accounts.confirmForgotPassword(
        profile, username, text(body, "code"), text(body, "newPassword"));
    Map<String, Object> answer = start(profile, username);
    answer.put("status", "PASSWORD_RESET");
    return Json.bytes(answer);
  }

  byte[] changePassword(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    accounts.changePassword(profile, text(body, "oldPassword"), text(body, "newPassword"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "PASSWORD_CHANGED");
    answer.put("profile", profile);
    return Json.bytes(answer);
  }

  private static Map<String, Object> start(String profile, String username) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", null);
    answer.put("profile", profile);
    answer.put("username", username);
    return answer;
  }

  private static void codeSent(
      Map<String, Object> answer,
      String status,
      String message,
      CodeDelivery delivery,
      List<ChallengeField> fields) {
    answer.put("status", status);
    answer.put("message", message);
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("destination", delivery.destination());
    where.put("medium", delivery.medium());
    where.put("attribute", delivery.attribute());
    answer.put("delivery", where);
    answer.put("fields", fields.stream().map(ApiRoutes::field).toList());
  }

  private static String text(Map<String, Object> body, String key) {
    if (body.get(key) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw Failure.badRequest("the request body needs \"" + key + "\"");
  }

  /** {@code "attributes": {"email": "…"}}, optional; values must be strings. */
  private static Map<String, String> attributes(Map<String, Object> body) {
    Object attributes = body.get("attributes");
    if (attributes == null) {
      return Map.of();
    }
    if (!(attributes instanceof Map<?, ?> map)) {
      throw Failure.badRequest("\"attributes\" must be an object of attribute name to value");
    }
    Map<String, String> result = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (!(value instanceof String text)) {
            throw Failure.badRequest("attribute " + key + " must be a string");
          }
          result.put(String.valueOf(key), text);
        });
    return result;
  }
}

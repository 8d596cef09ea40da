package dev.cognitocreds.daemon.auth;

import dev.cognitocreds.daemon.json.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes each Cognito challenge as a generic list of prompts, so the client can walk any
 * challenge, including ones this daemon does not know yet.
 */
final class ChallengePrompts {

  private static final String ATTRIBUTE_PREFIX = "userAttributes.";

  /**
   * Challenge parameters that are protocol state, or already in the fields, not something to show.
   */
  private static final Set<String> HIDDEN =
      Set.of(
          "USER_ID_FOR_SRP",
          "USERNAME",
          "SALT",
          "SRP_B",
          "SECRET_BLOCK",
          "requiredAttributes",
          "userAttributes",
          "MFAS_CAN_CHOOSE",
          "MFAS_CAN_SETUP");

  private ChallengePrompts() {}

  static Challenge describe(String name, Map<String, String> parameters) {
    Map<String, String> shown = new LinkedHashMap<>();
    parameters.forEach(
        (key, value) -> {
          if (!HIDDEN.contains(key)) {
            shown.put(key, value);
          }
        });
    return switch (name) {
      case "NEW_PASSWORD_REQUIRED" ->
          new Challenge(
              name,
              "Your temporary password has to be replaced before the first sign-in.",
              newPasswordFields(parameters.get("requiredAttributes")),
              shown);
      case "SOFTWARE_TOKEN_MFA" ->
          new Challenge(
              name,
              "Enter the code of your authenticator app.",
              List.of(ChallengeField.code("SOFTWARE_TOKEN_MFA_CODE", "Authenticator code")),
              shown);
      case "SMS_MFA" ->
          new Challenge(
              name,
              "Enter the code sent by SMS to "
                  + parameters.getOrDefault("CODE_DELIVERY_DESTINATION", "your phone")
                  + ".",
              List.of(ChallengeField.code("SMS_MFA_CODE", "SMS code")),
              shown);
      case "EMAIL_OTP" ->
          new Challenge(
              name,
              "Enter the code sent by e-mail to "
                  + parameters.getOrDefault("CODE_DELIVERY_DESTINATION", "your address")
                  + ".",
              List.of(ChallengeField.code("EMAIL_OTP_CODE", "E-mail code")),
              shown);
      case "SELECT_MFA_TYPE" ->
          new Challenge(
              name,
              "Choose how to receive your sign-in code.",
              List.of(
                  new ChallengeField(
                      "ANSWER",
                      "MFA type",
                      false,
                      false,
                      stringList(parameters.get("MFAS_CAN_CHOOSE")))),
              shown);
      case "MFA_SETUP" ->
          new Challenge(
              name,
              "Set up multi-factor authentication: scan this QR code with your "
                  + "authenticator app (or type in the secret key), then enter the code it shows.",
              List.of(ChallengeField.code("USER_CODE", "Code from your authenticator app")),
              shown);
      default ->
          new Challenge(
              name,
              "Cognito asks for " + name + ".",
              List.of(ChallengeField.code("ANSWER", "Answer")),
              shown);
    };
  }

  private static List<ChallengeField> newPasswordFields(String requiredAttributes) {
    List<ChallengeField> fields = new ArrayList<>();
    fields.add(new ChallengeField("NEW_PASSWORD", "New password", true, true, List.of()));
    for (String attribute : stringList(requiredAttributes)) {
      String bare =
          attribute.startsWith(ATTRIBUTE_PREFIX)
              ? attribute.substring(ATTRIBUTE_PREFIX.length())
              : attribute;
      // some pools list attributes Cognito sets itself; answering one fails the whole challenge
      if (UserAttributes.writable(bare)) {
        fields.add(ChallengeField.text(ATTRIBUTE_PREFIX + bare, UserAttributes.label(bare)));
      }
    }
    return fields;
  }

  /**
   * A JSON array of strings as Cognito sends it in a challenge parameter; anything else is no list.
   */
  private static List<String> stringList(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    Object parsed;
    try {
      parsed = JsonTree.read(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of();
    }
    if (!(parsed instanceof List<?> values)) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Map || value instanceof List) {
        return List.of();
      }
      items.add(value == null ? null : value.toString());
    }
    return items;
  }
}

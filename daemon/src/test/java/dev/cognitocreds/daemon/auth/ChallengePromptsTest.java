package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengePromptsTest {

  @Test
  void newPasswordAsksRequiredAttributesByNameButNeverOnesCognitoSets() {
    Challenge challenge =
        ChallengePrompts.describe(
            "NEW_PASSWORD_REQUIRED",
            Map.of(
                "requiredAttributes",
                "[\"userAttributes.given_name\",\"userAttributes.email_verified\",\"userAttributes.custom:company\","
                    + "\"userAttributes.phone_number_verified\",\"userAttributes.sub\"]",
                "userAttributes",
                "{\"email\":\"a@example.com\",\"email_verified\":\"true\"}"));

    assertThat(challenge.fields())
        .extracting(ChallengeField::name)
        .containsExactly(
            "NEW_PASSWORD", "userAttributes.given_name", "userAttributes.custom:company");
    assertThat(challenge.fields())
        .extracting(ChallengeField::label)
        .containsExactly("New password", "Given name", "company");
    assertThat(challenge.parameters()).doesNotContainKeys("requiredAttributes", "userAttributes");
  }

  @Test
  void codeChallengesSayWhereTheCodeWentAndPickListsOfferThePoolsChoices() {
    Challenge email =
        ChallengePrompts.describe("EMAIL_OTP", Map.of("CODE_DELIVERY_DESTINATION", "a***@e***"));
    Challenge select =
        ChallengePrompts.describe(
            "SELECT_MFA_TYPE", Map.of("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"));

    assertThat(email.message()).contains("a***@e***");
    assertThat(email.fields()).extracting(ChallengeField::name).containsExactly("EMAIL_OTP_CODE");
    assertThat(select.fields().get(0).choices()).containsExactly("SMS_MFA", "SOFTWARE_TOKEN_MFA");
    assertThat(select.parameters()).doesNotContainKey("MFAS_CAN_CHOOSE");
  }
}

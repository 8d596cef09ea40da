package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.daemon.auth.ChallengeField;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeFieldJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pickListEntriesCarryTheValueForCognitoAndALabelForThePerson() throws Exception {
    byte[] rendered =
        Json.bytes(
            ApiRoutes.field(
                new ChallengeField(
                    "ANSWER",
                    "MFA type",
                    false,
                    false,
                    List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA", "WEB_AUTHN"))));

    assertThat(JSON.readTree(rendered))
        .isEqualTo(
            JSON.readTree(
                """
                {"name":"ANSWER","label":"MFA type","secret":false,"choices":[
                  {"value":"SMS_MFA","label":"Text message (SMS) code"},
                  {"value":"SOFTWARE_TOKEN_MFA","label":"Authenticator app code"},
                  {"value":"WEB_AUTHN","label":"WEB_AUTHN"}]}"""));
  }
}

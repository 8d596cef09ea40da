package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryPassword;
import dev.cognitocreds.daemon.session.ServedPassword;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialDocumentsTest {

  private static final RegistryHost ECR =
      RegistryHost.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com").orElseThrow();
  private static final Instant EXPIRES = Instant.parse("2026-12-07T12:00:00Z");

  private final CredentialDocuments documents = new CredentialDocuments();

  private static ServedPassword served(String secret) {
    return new ServedPassword(ECR, "acme", new RegistryPassword("AWS", secret, EXPIRES));
  }

  @Test
  void aRegistryPasswordIsTheHelpersAnswer() throws Exception {
    JsonNode answer = new ObjectMapper().readTree(documents.registry(served("pw-1")));

    assertThat(answer.get("ServerURL").asText()).isEqualTo(ECR.host());
    assertThat(answer.get("Username").asText()).isEqualTo("AWS");
    assertThat(answer.get("Secret").asText()).isEqualTo("pw-1");
  }

  @Test
  void thePasswordIsRenderedOnceAndAgainWhenRenewed() throws Exception {
    ServedPassword first = served("pw-1");
    byte[] rendered = documents.registry(first);

    assertThat(
            documents.registry(
                new ServedPassword(first.registry(), first.profile(), first.password())))
        .as("the same password object: the same bytes")
        .isSameAs(rendered);

    byte[] renewed = documents.registry(served("pw-2"));
    assertThat(new ObjectMapper().readTree(renewed).get("Secret").asText()).isEqualTo("pw-2");
  }

  @Test
  void forgettingDropsTheRenderedPasswords() {
    ServedPassword password = served("pw-1");
    byte[] rendered = documents.registry(password);

    documents.forget();

    assertThat(documents.registry(password)).isNotSameAs(rendered).isEqualTo(rendered);
  }
}

package dev.cognitocreds.client.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinAnswersTest {
  private static final ChallengeField CODE =
      new ChallengeField("SMS_MFA_CODE", "SMS code", true, false, List.of());

  @Test
  void readsThePasswordThenOneLinePerField() {
    StdinAnswers answers = new StdinAnswers(stdin("pw\n123456\n"), "alice");

    assertThat(answers.password()).isEqualTo("pw");
    assertThat(answers.answer(CODE)).isEqualTo("123456");
    assertThat(answers.username()).isEqualTo("alice");
  }

  @Test
  void theEndOfStdinIsAUsageErrorNamingWhatIsMissing() {
    StdinAnswers answers = new StdinAnswers(stdin("pw\n"), "alice");
    answers.password();

    assertThatThrownBy(() -> answers.answer(CODE))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
              assertThat(e.getMessage()).contains("SMS code").contains("stdin has no more lines");
            });
    assertThatThrownBy(() -> answers.answer(CODE)).isInstanceOf(ClientException.class);
  }

  @Test
  void stdinLeftOpenWithoutALineIsAUsageErrorAfterThePatienceNotAHang() throws IOException {
    try (PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream open = new PipedInputStream(writer)) {
      StdinAnswers answers = new StdinAnswers(open, "alice", Duration.ofMillis(200));
      Instant start = Instant.now();

      assertThatThrownBy(answers::password)
          .isInstanceOfSatisfying(
              ClientException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                assertThat(e.getMessage()).contains("the password").contains("within 0 s");
              });
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aLineThatArrivesWhileWaitingIsTaken() throws Exception {
    try (PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream open = new PipedInputStream(writer)) {
      StdinAnswers answers = new StdinAnswers(open, "alice", Duration.ofSeconds(10));
      Thread later =
          new Thread(
              () -> {
                try {
                  Thread.sleep(100);
                  writer.write("late-pw\n".getBytes(StandardCharsets.UTF_8));
                  writer.flush();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      later.start();

      assertThat(answers.password()).isEqualTo("late-pw");
      later.join();
    }
  }

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}

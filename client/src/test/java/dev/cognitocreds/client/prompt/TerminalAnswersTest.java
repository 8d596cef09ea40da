package dev.cognitocreds.client.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.testing.ScriptedTerminal;
import dev.cognitocreds.contract.ExitCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalAnswersTest {
  private static final ChallengeField NEW_PASSWORD =
      new ChallengeField("NEW_PASSWORD", "New password", true, true, List.of());
  private static final ChallengeField MFA =
      new ChallengeField(
          "ANSWER",
          "Second factor",
          false,
          false,
          List.of(
              new ChallengeField.Choice("SMS_MFA", "Text message"),
              new ChallengeField.Choice("SOFTWARE_TOKEN_MFA", "Authenticator app")));

  @Test
  void asksTheUsernameOnceAndThePasswordWithoutEcho() {
    ScriptedTerminal terminal = new ScriptedTerminal("alice", "pw");
    TerminalAnswers answers = new TerminalAnswers(terminal, null);

    assertThat(answers.username()).isEqualTo("alice");
    assertThat(answers.password()).isEqualTo("pw");
    assertThat(answers.username()).isEqualTo("alice");
    assertThat(terminal.prompts).containsExactly("Username: ");
    assertThat(terminal.secretPrompts).containsExactly("Password: ");
  }

  @Test
  void confirmedSecretIsAskedAgainUntilBothEntriesMatch() {
    ScriptedTerminal terminal = new ScriptedTerminal("one", "two", "New#Pass22", "New#Pass22");

    String answer = new TerminalAnswers(terminal, "alice").answer(NEW_PASSWORD);

    assertThat(answer).isEqualTo("New#Pass22");
    assertThat(terminal.secretPrompts)
        .containsExactly(
            "New password: ", "New password (again): ", "New password: ", "New password (again): ");
    assertThat(terminal.printed).containsExactly("The two entries differ, try again.");
    assertThat(terminal.prompts).isEmpty();
  }

  @Test
  void confirmationGivesUpAfterThreeMismatches() {
    ScriptedTerminal terminal = new ScriptedTerminal("a", "b", "c", "d", "e", "f");

    assertThatThrownBy(() -> new TerminalAnswers(terminal, "alice").answer(NEW_PASSWORD))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("differed 3 times")
        .extracting(failure -> ((ClientException) failure).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void pickListShowsLabelsAndAcceptsANumberAfterAWrongEntry() {
    ScriptedTerminal terminal = new ScriptedTerminal("7", "1");

    String answer = new TerminalAnswers(terminal, "alice").answer(MFA);

    assertThat(answer).isEqualTo("SMS_MFA");
    assertThat(terminal.printed).containsExactly("  1) Text message", "  2) Authenticator app");
    assertThat(terminal.prompts).containsExactly("Second factor [1-2]: ", "Second factor [1-2]: ");
  }

  @Test
  void endOfInputCancelsTheSignIn() {
    ScriptedTerminal terminal = new ScriptedTerminal();

    assertThatThrownBy(() -> new TerminalAnswers(terminal, "alice").password())
        .isInstanceOf(ClientException.class)
        .hasMessage("sign-in cancelled");
  }
}

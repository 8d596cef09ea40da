package dev.cognitocreds.client.prompt;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.util.List;

/** Asks the person at the terminal; secrets are read without echo. */
public final class TerminalAnswers implements AnswerSource {
  static final int ATTEMPTS = 3;

  private final Terminal terminal;
  private String username;

  public TerminalAnswers(Terminal terminal, String username) {
    this.terminal = terminal;
    this.username = username;
  }

  @Override
  public String username() {
    if (username == null) {
      username = required(terminal.readLine("Username: "));
    }
    return username;
  }

  @Override
  public String password() {
    return required(secret("Password"));
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public String answer(ChallengeField field) {
    if (field.hasChoices()) {
      return pick(field);
    }
    if (!field.secret()) {
      return required(terminal.readLine(field.label() + ": "));
    }
    if (!field.confirm()) {
      return required(secret(field.label()));
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String first = required(secret(field.label()));
      String again = required(secret(field.label() + " (again)"));
      if (first.equals(again)) {
        return first;
      }
      terminal.println("The two entries differ, try again.");
    }
    throw new ClientException(
        ExitCodes.USAGE, field.label() + ": the two entries differed " + ATTEMPTS + " times");
  }

  private String pick(ChallengeField field) {
    List<ChallengeField.Choice> choices = field.choices();
    for (int i = 0; i < choices.size(); i++) {
      terminal.println("  " + (i + 1) + ") " + choices.get(i).label());
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String value =
          field.pick(required(terminal.readLine(field.label() + " [1-" + choices.size() + "]: ")));
      if (value != null) {
        return value;
      }
    }
    throw new ClientException(
        ExitCodes.USAGE, field.label() + ": no valid choice after " + ATTEMPTS + " attempts");
  }

  private String secret(String label) {
    char[] typed = terminal.readSecret(label + ": ");
    return typed == null ? null : new String(typed);
  }

  /** End of input at a prompt ends the sign-in. */
  private static String required(String answer) {
    if (answer == null) {
      throw new ClientException(ExitCodes.ERROR, "sign-in cancelled");
    }
    return answer;
  }
}

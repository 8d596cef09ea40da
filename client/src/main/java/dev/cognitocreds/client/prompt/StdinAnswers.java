package dev.cognitocreds.client.prompt;

import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;
import java.io.InputStream;
import java.time.Duration;

/**
 * {@code --password-stdin}: the password on stdin's first line, then one line per field asked, in
 * order. Running out of lines is an error at once, never a wait for a person who is not there; a
 * line that does not come within {@link #PATIENCE} (longer than Cognito keeps a sign-in open) is an
 * error too.
 */
public final class StdinAnswers implements AnswerSource {
  static final Duration PATIENCE = Duration.ofMinutes(5);

  private final StdinLines lines;
  private final String username;
  private final Duration patience;

  public StdinAnswers(InputStream stdin, String username) {
    this(stdin, username, PATIENCE);
  }

  StdinAnswers(InputStream stdin, String username, Duration patience) {
    this.lines = new StdinLines(stdin);
    this.username = username;
    this.patience = patience;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return nextLine("the password", "as the first line");
  }

  @Override
  public String answer(ChallengeField field) {
    String line =
        nextLine(field.label() + " (" + field.name() + ")", "as the next line after the password");
    if (!field.hasChoices()) {
      return line;
    }
    String value = field.pick(line);
    if (value == null) {
      throw new ClientException(
          ExitCodes.USAGE,
          "'"
              + line.strip()
              + "' is not one of the choices for "
              + field.label()
              + ": "
              + field.choices().stream().map(ChallengeField.Choice::value).toList());
    }
    return value;
  }

  private String nextLine(String what, String where) {
    return lines
        .next(patience, what)
        .orElseThrow(
            () ->
                new ClientException(
                    ExitCodes.USAGE,
                    "cognito-creds needs "
                        + what
                        + " but stdin has no more lines: give it "
                        + where));
  }
}

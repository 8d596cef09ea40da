package dev.cognitocreds.client.prompt;

/**
 * The username and password a command already has (a new account, a reset password), so signing in
 * afterwards does not ask them again; further answers still come from the person.
 */
public final class KnownPassword implements AnswerSource {
  private final AnswerSource person;
  private final String username;
  private final String password;

  public KnownPassword(AnswerSource person, String username, String password) {
    this.person = person;
    this.username = username;
    this.password = password;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public String answer(ChallengeField field) {
    return person.answer(field);
  }

  @Override
  public boolean interactive() {
    return person.interactive();
  }
}

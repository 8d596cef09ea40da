package dev.cognitocreds.client.prompt;

/**
 * {@code --mfa-code}: the first one-time code a challenge asks for (a field named {@code *_CODE},
 * docs/protocol.md) is this one; anything after it, a second try included, comes from the person.
 */
public final class PresetCode implements AnswerSource {
  private final AnswerSource person;
  private String code;

  public PresetCode(AnswerSource person, String code) {
    this.person = person;
    this.code = code;
  }

  @Override
  public String username() {
    return person.username();
  }

  @Override
  public String password() {
    return person.password();
  }

  @Override
  public String answer(ChallengeField field) {
    if (code != null && field.name().endsWith("_CODE")) {
      String preset = code;
      code = null;
      return preset;
    }
    return person.answer(field);
  }

  @Override
  public boolean interactive() {
    return person.interactive();
  }
}

package dev.cognitocreds.client.prompt;

/** Where the sign-in conversation gets what it asks the person: the terminal or stdin lines. */
public interface AnswerSource {

  String username();

  String password();

  String answer(ChallengeField field);

  /** True when a person is there to answer again after Cognito refused an answer. */
  default boolean interactive() {
    return false;
  }
}

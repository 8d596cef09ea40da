package dev.cognitocreds.client;

/** Where the sign-in conversation gets what it asks the person: the terminal or stdin lines. */
interface AnswerSource {

  String username();

  String password();

  String answer(ChallengeField field);

  /** True when a person is there to answer again after Cognito refused an answer. */
  default boolean interactive() {
    return false;
  }
}

package dev.cognitocreds.client;

/** Where the sign-in conversation gets what it asks the person: the terminal or stdin lines. */
interface AnswerSource {

    String username();

    String password();

    String answer(ChallengeField field);
}

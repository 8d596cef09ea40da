package dev.cognitocreds.client;

import java.io.Console;
import java.util.List;

/** Asks the person at the terminal; secrets are read without echo. */
final class ConsoleAnswers implements AnswerSource {
    private static final int ATTEMPTS = 3;

    private final Console console;
    private String username;

    ConsoleAnswers(Console console, String username) {
        this.console = console;
        this.username = username;
    }

    @Override
    public String username() {
        if (username == null) {
            username = required(console.readLine("Username: "));
        }
        return username;
    }

    @Override
    public String password() {
        return required(secret("Password"));
    }

    @Override
    public String answer(ChallengeField field) {
        if (field.hasChoices()) {
            return pick(field);
        }
        if (!field.secret()) {
            return required(console.readLine("%s: ", field.label()));
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
            console.printf("The two entries differ, try again.%n");
        }
        throw new ClientException(ExitCodes.USAGE, field.label() + ": the two entries differed " + ATTEMPTS + " times");
    }

    private String pick(ChallengeField field) {
        List<ChallengeField.Choice> choices = field.choices();
        for (int i = 0; i < choices.size(); i++) {
            console.printf("  %d) %s%n", i + 1, choices.get(i).label());
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String value = field.pick(required(console.readLine("%s [1-%d]: ", field.label(), choices.size())));
            if (value != null) {
                return value;
            }
        }
        throw new ClientException(ExitCodes.USAGE, field.label() + ": no valid choice after " + ATTEMPTS + " attempts");
    }

    private String secret(String label) {
        char[] typed = console.readPassword("%s: ", label);
        return typed == null ? null : new String(typed);
    }

    /** Ctrl-D at a prompt ends the sign-in. */
    private static String required(String answer) {
        if (answer == null) {
            throw new ClientException(ExitCodes.ERROR, "sign-in cancelled");
        }
        return answer;
    }
}

package dev.cognitocreds.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code --password-stdin}: the password on stdin's first line, then one line per field asked,
 * in order. Running out of lines is an error at once, never a wait for a person who is not there.
 */
final class StdinAnswers implements AnswerSource {
    private final BufferedReader lines;
    private final String username;

    StdinAnswers(InputStream stdin, String username) {
        this.lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.username = username;
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
        String line = nextLine(field.label() + " (" + field.name() + ")", "as the next line after the password");
        if (!field.hasChoices()) {
            return line;
        }
        String value = field.pick(line);
        if (value == null) {
            throw new ClientException(ExitCodes.USAGE, "'" + line.strip() + "' is not one of the choices for "
                    + field.label() + ": " + field.choices().stream().map(ChallengeField.Choice::value).toList());
        }
        return value;
    }

    private String nextLine(String what, String where) {
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
        if (line == null) {
            throw new ClientException(ExitCodes.USAGE,
                    "cognito-creds needs " + what + " but stdin has no more lines: give it " + where);
        }
        return line;
    }
}

package dev.cognitocreds.client.setup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped user unit, rewritten so that it starts this installation's daemon. */
final class SystemdUnit {

    static final String FILE_NAME = "cognito-credsd.service";
    private static final Pattern EXEC_START = Pattern.compile("(?m)^ExecStart=.*$");

    private SystemdUnit() {
    }

    /**
     * @param awsConfigFile passed on to the daemon when the user moved the AWS config file away
     *                      from its default place, because a user manager does not see shell variables
     */
    static String render(String template, Path daemon, Optional<String> awsConfigFile) {
        Matcher m = EXEC_START.matcher(template);
        if (!m.find()) {
            throw new SetupException("the unit template has no ExecStart= line: reinstall cognito-creds");
        }
        StringBuilder line = new StringBuilder("ExecStart=").append(quote(daemon.toString()));
        awsConfigFile.ifPresent(f -> line.append('\n').append("Environment=").append(quote("AWS_CONFIG_FILE=" + f)));
        return template.substring(0, m.start()) + line + template.substring(m.end());
    }

    /** systemd's quoting: specifiers start with %, variables with $, and the word is double-quoted. */
    static String quote(String word) {
        String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("%", "%%").replace("$", "$$");
        return '"' + escaped + '"';
    }
}

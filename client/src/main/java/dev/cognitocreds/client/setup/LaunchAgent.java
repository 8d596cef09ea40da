package dev.cognitocreds.client.setup;

import java.nio.file.Path;

/** The shipped LaunchAgent property list, rewritten for this user and this installation. */
final class LaunchAgent {

    static final String LABEL = "dev.cognitocreds.cognito-credsd";
    static final String FILE_NAME = LABEL + ".plist";
    private static final String TEMPLATE_HOME = "/Users/USER";
    private static final String TEMPLATE_DAEMON = TEMPLATE_HOME + "/.local/share/cognito-creds/bin/cognito-credsd";

    private LaunchAgent() {
    }

    static String render(String template, Path daemon, Path userHome) {
        if (!template.contains(TEMPLATE_DAEMON)) {
            throw new SetupException("the LaunchAgent template has no daemon path to rewrite: reinstall cognito-creds");
        }
        return template.replace(TEMPLATE_DAEMON, xmlText(daemon.toString()))
                .replace(TEMPLATE_HOME, xmlText(userHome.toString()));
    }

    static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

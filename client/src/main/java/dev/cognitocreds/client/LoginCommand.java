package dev.cognitocreds.client;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code login}: signs a profile in through the daemon, answering every challenge it relays. */
@Command(name = "login", description = {
    "Sign in to a profile. The daemon keeps the refresh token; the password is never stored.",
    "Without a terminal, use --username U --password-stdin: the password is stdin's first line and",
    "each further answer (a new password, a code) the next line."})
final class LoginCommand extends ClientCommand {
    enum Flow { USER_SRP_AUTH, USER_PASSWORD_AUTH }

    @Mixin
    ProfileOption profile;

    @Option(names = "--username", paramLabel = "USERNAME", description = "User name (asked when omitted).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password, then any further answer, from stdin lines.")
    boolean passwordStdin;

    @Option(names = "--flow", paramLabel = "FLOW",
            description = "USER_SRP_AUTH or USER_PASSWORD_AUTH (default: the profile's cognito_auth_flow).")
    Flow flow;

    @Override
    public Integer call() {
        String name = profile.resolve(context().env());
        AnswerSource answers = answerSource();
        String route = DaemonClient.profileRoute(name, flow == null ? "login" : "login/" + flow.name());
        JsonNode signedIn = new LoginConversation(context().daemon(), route, answers, err()).signIn();
        out().println("Signed in to profile " + signedIn.path("profile").asText(name) + " as "
                + signedIn.path("username").asText(answers.username())
                + expiry(signedIn.path("expiration").asText("")));
        return ExitCodes.OK;
    }

    private AnswerSource answerSource() {
        if (passwordStdin) {
            if (username == null || username.isBlank()) {
                throw new ParameterException(spec().commandLine(), "--password-stdin needs --username");
            }
            return new StdinAnswers(context().stdin(), username);
        }
        if (context().terminal() == null) {
            throw new ParameterException(spec().commandLine(),
                    "no terminal to ask the password on: use --username U --password-stdin");
        }
        return new TerminalAnswers(context().terminal(), username);
    }

    private static String expiry(String expiration) {
        return expiration.isBlank() ? "." : "; credentials valid until " + expiration + ".";
    }
}

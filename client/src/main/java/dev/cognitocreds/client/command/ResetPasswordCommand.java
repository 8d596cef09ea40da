package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.FieldPrompts;
import dev.cognitocreds.client.prompt.KnownPassword;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reset-password}: a forgotten or publisher-reset password, replaced with a code Cognito
 * sends.
 */
@Command(
    name = "reset-password",
    description = {
      "Reset a forgotten password with a code Cognito sends, then sign in with the new one.",
      "The code goes to the user's e-mail address or phone; it is asked with the new password (twice).",
      "With --password-stdin: the code on the first line, the new password on the second."
    })
public final class ResetPasswordCommand extends ClientCommand {
  @Mixin ProfileOption profile;

  @Mixin AnswerOptions options;

  @Option(names = "--no-login", description = "Do not sign in with the new password.")
  boolean noLogin;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    AnswerSource answers = options.source(context(), spec().commandLine());
    String user = answers.username();
    DaemonClient daemon = context().daemon();
    JsonNode sent =
        daemon
            .post(
                Routes.profile(name, Routes.PASSWORD_RESET),
                JsonNodeFactory.instance.objectNode().put("username", user))
            .orThrow()
            .json();
    err()
        .println(
            sent.path("message").asText("Enter the code Cognito sent you and a new password."));
    err().flush();
    String[] newPassword = new String[1];
    new AnswerRounds(daemon, answers, err())
        .post(
            Routes.profile(name, Routes.PASSWORD_RESET_CONFIRM),
            () -> {
              ObjectNode replies = FieldPrompts.ask(sent.path("fields"), answers);
              newPassword[0] = replies.path("NEW_PASSWORD").asText();
              return JsonNodeFactory.instance
                  .objectNode()
                  .put("username", user)
                  .put("code", replies.path("CONFIRMATION_CODE").asText())
                  .put("newPassword", newPassword[0]);
            },
            " (or start over with `cognito-creds reset-password --profile "
                + name
                + "` for a new code)");
    out().println("Password of " + user + " reset in profile " + name + ".");
    if (!noLogin) {
      LoginCommand.signIn(
          context(),
          name,
          Routes.profile(name, Routes.LOGIN),
          new KnownPassword(answers, user, newPassword[0]),
          out(),
          err());
    }
    return ExitCodes.OK;
  }
}

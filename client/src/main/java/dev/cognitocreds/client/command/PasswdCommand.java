package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.ChallengeField;
import dev.cognitocreds.client.prompt.StdinAnswers;
import dev.cognitocreds.client.prompt.TerminalAnswers;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code passwd}: changes the signed-in user's password at Cognito (ChangePassword). */
@Command(
    name = "passwd",
    description = {
      "Change the password of the user signed in to a profile.",
      "Asks the current password and the new one twice; the user pool's password rules are explained when "
          + "the new one breaks them.",
      "With --password-stdin: the current password on the first line, the new one on the second."
    })
public final class PasswdCommand extends ClientCommand {
  private static final ChallengeField NEW_PASSWORD =
      new ChallengeField("NEW_PASSWORD", "New password", true, true, List.of());
  private static final ChallengeField CURRENT =
      new ChallengeField("PASSWORD", "Current password", true, false, List.of());

  @Mixin ProfileOption profile;

  @Option(
      names = "--password-stdin",
      description = "Read the current, then the new password from stdin lines.")
  boolean passwordStdin;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    AnswerSource answers =
        passwordStdin
            ? new StdinAnswers(context().stdin(), null)
            : new TerminalAnswers(
                AnswerOptions.terminal(context(), spec().commandLine(), "--password-stdin"), null);
    String current = answers.interactive() ? answers.answer(CURRENT) : answers.password();
    new AnswerRounds(context().daemon(), answers, err())
        .post(
            Routes.profile(name, Routes.PASSWORD),
            () ->
                JsonNodeFactory.instance
                    .objectNode()
                    .put("oldPassword", current)
                    .put("newPassword", answers.answer(NEW_PASSWORD)),
            " with another new password");
    out()
        .println(
            "Password changed for profile "
                + name
                + ". Other devices stay signed in until their"
                + " sessions end; `cognito-creds logout --everywhere` signs them out.");
    return ExitCodes.OK;
  }
}

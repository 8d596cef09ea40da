package dev.cognitocreds.client.command;

import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.StdinAnswers;
import dev.cognitocreds.client.prompt.Terminal;
import dev.cognitocreds.client.prompt.TerminalAnswers;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --username} and {@code --password-stdin}, and where a command's answers come from: stdin
 * lines with {@code --password-stdin}, else the terminal. With neither, the command fails at once
 * (exit 2) instead of waiting for nobody.
 */
final class AnswerOptions {

  @Option(
      names = "--username",
      paramLabel = "USERNAME",
      description = "User name (asked when omitted).")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the password, then each further answer, from stdin lines (order above).")
  boolean passwordStdin;

  /** With --password-stdin the username must be on the command line: stdin holds the answers. */
  AnswerSource source(ClientContext context, CommandLine commandLine) {
    if (passwordStdin) {
      if (username == null || username.isBlank()) {
        throw new ParameterException(commandLine, "--password-stdin needs --username");
      }
      return new StdinAnswers(context.stdin(), username);
    }
    return new TerminalAnswers(
        terminal(context, commandLine, "--username U --password-stdin"), username);
  }

  /** The terminal, or a usage error naming the options that replace it. */
  static Terminal terminal(ClientContext context, CommandLine commandLine, String instead) {
    if (context.terminal() == null) {
      throw new ParameterException(
          commandLine, "no terminal to ask the password on: use " + instead);
    }
    return context.terminal();
  }
}

package dev.cognitocreds.publisher.cli;

import picocli.AutoComplete;

/**
 * Prints the bash completion script for {@code cognito-creds-publisher} (zsh loads it through
 * bashcompinit). Run at packaging time: {@code java -cp 'lib/publisher/*'
 * dev.cognitocreds.publisher.cli.CompletionScript}.
 */
public final class CompletionScript {

  private CompletionScript() {}

  static String bash() {
    return AutoComplete.bash("cognito-creds-publisher", PublisherCommands.commandLine());
  }

  public static void main(String[] args) {
    System.out.print(bash());
    System.out.flush();
  }
}

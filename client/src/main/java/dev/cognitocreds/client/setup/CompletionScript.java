package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.CognitoCreds;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.AutoComplete;

/**
 * Prints the bash completion script for {@code cognito-creds} (zsh loads it through bashcompinit).
 * Run at packaging time: {@code java -cp 'lib/client/*'
 * dev.cognitocreds.client.setup.CompletionScript}.
 */
public final class CompletionScript {

  private CompletionScript() {}

  static String bash() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return AutoComplete.bash(
        "cognito-creds", CognitoCreds.commandLine(ClientContext.ofSystem(), sink, sink));
  }

  public static void main(String[] args) {
    System.out.print(bash());
    System.out.flush();
  }
}

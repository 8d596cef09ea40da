package dev.cognitocreds.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionScriptTest {

  @Test
  void isValidBashAndCompletesTheCommands(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("cognito-creds-publisher");
    Files.writeString(file, CompletionScript.bash());

    assertThat(complete(file, "cognito-creds-publisher ''", 1))
        .containsExactlyInAnyOrder("template", "users", "license", "onboarding", "check");
    assertThat(complete(file, "cognito-creds-publisher license ''", 2)).contains("grant", "revoke");
    assertThat(complete(file, "cognito-creds-publisher license revoke --k", 3))
        .containsExactly("--keep-sessions");
  }

  /** What bash offers for the word at {@code index} of {@code words} (a bash array's content). */
  private static String[] complete(Path script, String words, int index) throws Exception {
    String probe =
        "source \"$1\"; COMP_WORDS=("
            + words
            + "); COMP_CWORD="
            + index
            + "; COMP_LINE=\"${COMP_WORDS[*]}\"; _complete_cognito-creds-publisher 2>/dev/null;"
            + " echo \"${COMPREPLY[*]}\"";
    Process bash =
        new ProcessBuilder("bash", "-c", probe, "bash", script.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as(output).isZero();
    return output.strip().split(" ");
  }
}

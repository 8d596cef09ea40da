package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionScriptTest {

  @Test
  void completesEveryCommandAndIsValidBash(@TempDir Path tmp) throws Exception {
    String script = CompletionScript.bash();
    Path file = tmp.resolve("cognito-creds");
    Files.writeString(file, script);

    Process bash =
        new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(bash.waitFor()).as(output).isZero();
    assertThat(script)
        .contains(
            "complete -F _complete_cognito-creds",
            "configure",
            "doctor",
            "service",
            "login",
            "credential-process",
            "--registry",
            "--dry-run");
  }

  @Test
  void bashCompletesTheSubcommandsOfConfigure(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("cognito-creds");
    Files.writeString(file, CompletionScript.bash());
    String probe =
        "source \"$1\"; COMP_WORDS=(cognito-creds configure ''); COMP_CWORD=2;"
            + " COMP_LINE='cognito-creds configure '; _complete_cognito-creds; echo \"${COMPREPLY[*]}\"";

    Process bash =
        new ProcessBuilder("bash", "-c", probe, "bash", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(bash.waitFor()).as(output).isZero();
    assertThat(output.strip().split(" "))
        .containsExactlyInAnyOrder("all", "profile", "docker", "podman");
  }
}

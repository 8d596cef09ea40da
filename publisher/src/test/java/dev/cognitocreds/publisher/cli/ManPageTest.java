package dev.cognitocreds.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The hand-written man page that the packages install names every command and option there is. */
class ManPageTest {

  private static final Path PAGE = Path.of("../packaging/man/cognito-creds-publisher.1");

  @Test
  void namesEveryCommandAndOption() throws Exception {
    // roff writes a hyphen in an option as \-
    String page = Files.readString(PAGE).replace("\\-", "-");
    List<String> missing = new ArrayList<>();
    walk(PublisherCommands.commandLine(), page, missing);

    assertThat(missing).as("missing from " + PAGE).isEmpty();
  }

  private static void walk(CommandLine command, String page, List<String> missing) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.parent() != null && !page.contains(spec.name())) {
      missing.add(spec.qualifiedName());
    }
    spec.options()
        .forEach(
            option -> {
              if (!page.contains(option.longestName())) {
                missing.add(spec.qualifiedName() + " " + option.longestName());
              }
            });
    command.getSubcommands().values().forEach(sub -> walk(sub, page, missing));
  }
}

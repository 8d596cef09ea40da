package dev.cognitocreds.publisher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognitocreds.publisher.PublisherException;
import dev.cognitocreds.publisher.setup.AwsClients;
import dev.cognitocreds.publisher.users.CsvRows;
import dev.cognitocreds.publisher.users.ImportRow;
import dev.cognitocreds.publisher.users.RowOutcome;
import dev.cognitocreds.publisher.users.UserDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    description =
        "Creates the users of a CSV file: header username,email,licensed (true/false); other columns are attributes by name. Each row stands alone: a bad row is reported with its line number and skipped; an existing user is reported unchanged, never re-created. Safe to run twice. Exit 1 when any row failed.")
final class UsersImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Option(names = "--csv", required = true, paramLabel = "FILE")
  Path csv;

  @Option(names = "--json", description = "One JSON report instead of a line per row.")
  boolean json;

  @Override
  public Integer call() {
    List<ImportRow> rows;
    try {
      rows = CsvRows.parse(java.nio.file.Files.readString(csv, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PublisherException("cannot read " + csv + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw PublisherException.usage(csv + ": " + e.getMessage());
    }
    List<RowOutcome> outcomes;
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      outcomes =
          new UserDirectory(aws.userPools(), aws.setup().userPoolIdOrFail()).importRows(rows);
    }
    PrintWriter out = spec.commandLine().getOut();
    long failed = outcomes.stream().filter(o -> o.result() == RowOutcome.Result.FAILED).count();
    if (json) {
      ArrayNode list = Output.array();
      outcomes.forEach(
          o ->
              list.addObject()
                  .put("line", o.line())
                  .put("username", o.username())
                  .put("result", o.result().name().toLowerCase(java.util.Locale.ROOT))
                  .put("detail", o.detail()));
      var report = Output.object();
      report.set("rows", list);
      out.print(Output.json(report));
    } else {
      for (RowOutcome o : outcomes) {
        out.printf(
            "line %d: %s %s (%s)%n",
            o.line(),
            o.username().isEmpty() ? "-" : o.username(),
            o.result().name().toLowerCase(java.util.Locale.ROOT),
            o.detail());
      }
      out.printf(
          "%d created, %d unchanged, %d failed%s%n",
          outcomes.stream().filter(o -> o.result() == RowOutcome.Result.CREATED).count(),
          outcomes.stream().filter(o -> o.result() == RowOutcome.Result.UNCHANGED).count(),
          failed,
          failed > 0 ? ": fix those lines and run the same command again" : "");
    }
    out.flush();
    return failed > 0 ? 1 : 0;
  }
}

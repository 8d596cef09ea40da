package dev.cognitocreds.publisher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognitocreds.publisher.check.Checks;
import dev.cognitocreds.publisher.check.DeployedSetup;
import dev.cognitocreds.publisher.check.Finding;
import dev.cognitocreds.publisher.check.SetupReader;
import dev.cognitocreds.publisher.setup.AwsClients;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
    name = "check",
    description =
        "Reads the deployed setup (identity pool, every app client it trusts, its user pools, the roles it hands out and the repositories they name) and reports every mistake it finds. Exit 0: nothing unsafe; 1: something unsafe; 3: the setup could not be read.")
final class CheckCommand implements Callable<Integer> {

  static final int UNREADABLE = 3;

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Option(
      names = "--json",
      description = "{\"findings\": [{id, severity, resource, message, fix}]}")
  boolean json;

  @Override
  public Integer call() {
    DeployedSetup deployed;
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      deployed = new SetupReader(aws).read();
    } catch (SdkException e) {
      spec.commandLine()
          .getErr()
          .println(
              "cannot read the setup: "
                  + Failures.message(e)
                  + " (check the ids, the region, and that your AWS credentials may read Cognito,"
                  + " IAM and ECR)");
      return UNREADABLE;
    }
    List<Finding> findings = Checks.of(deployed);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode list = Output.array();
      findings.forEach(
          f ->
              list.addObject()
                  .put("id", f.id())
                  .put("severity", f.severity().json())
                  .put("resource", f.resource())
                  .put("message", f.message())
                  .put("fix", f.fix()));
      var document = Output.object();
      document.set("findings", list);
      out.print(Output.json(document));
    } else if (findings.isEmpty()) {
      out.println("no mistakes found");
    } else {
      for (Finding f : findings) {
        out.println(
            f.severity().json().toUpperCase(java.util.Locale.ROOT)
                + " "
                + f.id()
                + ": "
                + f.resource());
        out.println("  " + f.message());
        out.println("  fix: " + f.fix());
      }
    }
    out.flush();
    return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.UNSAFE) ? 1 : 0;
  }
}

package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.PublisherException;
import dev.cognitocreds.publisher.template.SafeSetupTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "template",
    description =
        "Prints a CloudFormation template of the safe setup: a user pool with custom:isLicensed (not writable by users), an app client without secret, an identity pool whose rule on custom:isLicensed gives a pull-only role (anything else is denied). Its parameters: MFA, self sign-up, token lifetimes, refresh-token rotation, a hosted-UI domain; its outputs are the onboarding file's fields.")
final class TemplateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--repository",
      paramLabel = "NAME",
      required = true,
      description =
          "An ECR repository licensed users may pull (repeat for several), e.g. acme/app.")
  List<String> repositories;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the template here (0644).")
  Path out;

  @Override
  public Integer call() {
    String template;
    try {
      template = Output.json(SafeSetupTemplate.forRepositories(repositories));
    } catch (IllegalArgumentException e) {
      throw PublisherException.usage(e.getMessage());
    }
    if (out == null) {
      spec.commandLine().getOut().print(template);
    } else {
      OutputFile.write(out, template);
      spec.commandLine().getErr().println("wrote " + out);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.onboarding.Onboarding;
import dev.cognitocreds.publisher.onboarding.OnboardingBuilder;
import dev.cognitocreds.publisher.setup.AwsClients;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "onboarding",
    description =
        "Prints the onboarding.json that `cognito-creds configure all --from` reads (--out: writes it, and prints the short text to send with it). Never contains a client secret.")
final class OnboardingCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Option(names = "--profile", paramLabel = "NAME", description = "The profile name users get.")
  String profile;

  @Option(
      names = "--registry",
      paramLabel = "HOST",
      description = "The ECR registry (default: the account of the identity pool's roles).")
  String registry;

  @Option(names = "--out", paramLabel = "FILE")
  Path out;

  @Override
  public Integer call() {
    Onboarding onboarding;
    try (AwsClients aws =
        new AwsClients(
            setup.options.setup(Optional.ofNullable(profile), Optional.ofNullable(registry)))) {
      onboarding = new OnboardingBuilder(aws).build();
    }
    onboarding.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    if (out == null) {
      spec.commandLine().getOut().print(onboarding.json());
      spec.commandLine()
          .getErr()
          .print(System.lineSeparator() + onboarding.message("onboarding.json"));
    } else {
      OutputFile.write(out, onboarding.json());
      spec.commandLine().getErr().println("wrote " + out + "; the text to send with it:");
      spec.commandLine().getOut().print(onboarding.message(out.getFileName().toString()));
    }
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return 0;
  }
}

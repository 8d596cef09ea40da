package dev.cognitocreds.publisher.cli;

import dev.cognitocreds.publisher.PublisherException;
import dev.cognitocreds.publisher.setup.SetupMissingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
    name = "cognito-creds-publisher",
    mixinStandardHelpOptions = true,
    versionProvider = PublisherCommands.Version.class,
    description =
        "The publisher's side of cognito-creds, with your own AWS credentials (the standard chain; AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured).",
    subcommands = {
      TemplateCommand.class,
      UsersCommand.class,
      LicenseCommand.class,
      OnboardingCommand.class,
      CheckCommand.class
    })
public final class PublisherCommands {

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("cognito-creds-publisher: " + explain(e));
          cmd.getErr().flush();
          return exitCode(e);
        });
    return commandLine.execute(args);
  }

  /** The command tree, for running it and for describing it (the completion script). */
  static CommandLine commandLine() {
    return new CommandLine(new PublisherCommands());
  }

  private static String explain(Exception e) {
    if (e instanceof AwsServiceException service && "UserNotFoundException".equals(code(service))) {
      return Failures.message(service) + " (`cognito-creds-publisher users list` shows the users)";
    }
    if (e instanceof SdkException sdk) {
      return Failures.message(sdk);
    }
    return e.getMessage();
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private static int exitCode(Exception e) {
    if (e instanceof PublisherException known) {
      return known.exitCode();
    }
    if (e instanceof SetupMissingException) {
      return PublisherException.USAGE;
    }
    return PublisherException.ERROR;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PublisherCommands.class.getPackage().getImplementationVersion();
      return new String[] {"cognito-creds-publisher " + (version == null ? "dev" : version)};
    }
  }
}

package dev.cognitocreds.client;

import dev.cognitocreds.client.command.CredentialProcessCommand;
import dev.cognitocreds.client.command.EnvCommand;
import dev.cognitocreds.client.command.LoginCommand;
import dev.cognitocreds.client.command.LogoutCommand;
import dev.cognitocreds.client.command.PasswdCommand;
import dev.cognitocreds.client.command.ResetPasswordCommand;
import dev.cognitocreds.client.command.SignupCommand;
import dev.cognitocreds.client.command.StatusCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code cognito-creds}: the command people type. It only ever talks to the daemon. */
@Command(
    name = "cognito-creds",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = ClientVersion.class,
    description =
        "Temporary AWS credentials from an Amazon Cognito sign-in, served by cognito-credsd.",
    subcommands = {
      LoginCommand.class,
      LogoutCommand.class,
      SignupCommand.class,
      PasswdCommand.class,
      ResetPasswordCommand.class,
      StatusCommand.class,
      EnvCommand.class,
      CredentialProcessCommand.class,
      dev.cognitocreds.client.setup.ConfigureCommand.class,
      dev.cognitocreds.client.setup.DoctorCommand.class,
      dev.cognitocreds.client.setup.ServiceCommand.class,
      HelpCommand.class,
    })
public final class CognitoCreds implements Runnable {
  private final ClientContext context;

  @Spec private CommandSpec spec;

  public CognitoCreds(ClientContext context) {
    this.context = context;
  }

  public ClientContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** The configured command line; tests run it with their own context and writers. */
  public static CommandLine commandLine(ClientContext context, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new CognitoCreds(context));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    return commandLine;
  }

  public static void main(String[] args) {
    // the platform's charset, as System.out and System.err encode with it
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    int exitCode = commandLine(ClientContext.ofSystem(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }
}

package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.PresetCode;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code login}: signs a profile in through the daemon, answering every challenge it relays. */
@Command(
    name = "login",
    description = {
      "Sign in to a profile. The daemon keeps the refresh token; the password is never stored.",
      "Every challenge Cognito sends is asked here: a new password, an SMS, e-mail or authenticator code, the "
          + "choice of a second factor, or setting up an authenticator app (shown as a QR code).",
      "Without a terminal, use --username U --password-stdin: the password is stdin's first line and each "
          + "further answer (a new password, a code) the next line."
    })
public final class LoginCommand extends ClientCommand {
  enum Flow {
    USER_SRP_AUTH,
    USER_PASSWORD_AUTH
  }

  @Mixin ProfileOption profile;

  @Mixin AnswerOptions options;

  @Option(
      names = "--mfa-code",
      paramLabel = "CODE",
      description =
          "The one-time code of the first MFA challenge (e.g. from an authenticator app).")
  String mfaCode;

  @Option(
      names = "--flow",
      paramLabel = "FLOW",
      description =
          "USER_SRP_AUTH or USER_PASSWORD_AUTH (default: the profile's cognito_auth_flow).")
  Flow flow;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    AnswerSource answers = options.source(context(), spec().commandLine());
    if (mfaCode != null) {
      answers = new PresetCode(answers, mfaCode);
    }
    String route =
        Routes.profile(name, flow == null ? Routes.LOGIN : Routes.LOGIN + "/" + flow.name());
    signIn(context(), name, route, answers, out(), err());
    return ExitCodes.OK;
  }

  /** Walks the sign-in conversation on {@code route} and says who is signed in until when. */
  static void signIn(
      ClientContext context,
      String profile,
      String route,
      AnswerSource answers,
      PrintWriter out,
      PrintWriter notes) {
    JsonNode signedIn =
        new LoginConversation(context.daemon(), route, answers, notes, context.clock()).signIn();
    String expiration = signedIn.path("expiration").asText("");
    out.println(
        "Signed in to profile "
            + signedIn.path("profile").asText(profile)
            + " as "
            + signedIn.path("username").asText(answers.username())
            + (expiration.isBlank() ? "." : "; credentials valid until " + expiration + "."));
  }
}

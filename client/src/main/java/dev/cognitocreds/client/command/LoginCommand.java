package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.ClientContext;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.PresetCode;
import dev.cognitocreds.client.setup.ProfileKeys;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code login}: signs a profile in through the daemon, answering every challenge it relays. */
@Command(
    name = "login",
    description = {
      "Sign in to a profile. The daemon keeps the refresh token; the password is never stored.",
      "Every challenge Cognito sends is asked here: a new password, an SMS, e-mail or authenticator code, the "
          + "choice of a second factor, or setting up an authenticator app (shown as a QR code).",
      "Without a terminal, use --username U --password-stdin: the password is stdin's first line and each "
          + "further answer (a new password, a code) the next line.",
      "With --browser (the default when the profile says cognito_login = browser), sign in on the pool's "
          + "hosted UI or identity provider in the browser: the address is printed (and opened), and the "
          + "browser comes back to cognito_redirect_uri on this machine."
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

  @Option(
      names = "--browser",
      description =
          "Sign in through the browser (hosted UI, identity provider, passkey) instead of a password.")
  boolean browser;

  @Option(
      names = "--no-open",
      description =
          "Only print the sign-in address (for ssh sessions); the address the browser ends on may be"
              + " pasted here instead.")
  boolean noOpen;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long a browser sign-in may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    if (usesBrowser(name)) {
      return signInThroughBrowser(name);
    }
    AnswerSource answers = options.source(context(), spec().commandLine());
    if (mfaCode != null) {
      answers = new PresetCode(answers, mfaCode);
    }
    String route =
        Routes.profile(name, flow == null ? Routes.LOGIN : Routes.LOGIN + "/" + flow.name());
    signIn(context(), name, route, answers, out(), err());
    return ExitCodes.OK;
  }

  /**
   * --browser, or the profile's {@code cognito_login = browser} when no password option says
   * otherwise.
   */
  private boolean usesBrowser(String name) {
    if (browser) {
      if (options.passwordStdin || flow != null || mfaCode != null) {
        throw new ParameterException(
            spec().commandLine(),
            "--browser signs in without a password: leave out --password-stdin, --flow and"
                + " --mfa-code");
      }
      return true;
    }
    boolean byDefault =
        options.username == null
            && !options.passwordStdin
            && flow == null
            && ProfileKeys.read(context(), name, "cognito_login")
                .map("browser"::equals)
                .orElse(false);
    if (noOpen && !byDefault) {
      throw new ParameterException(
          spec().commandLine(),
          "--no-open goes with --browser (or a profile with cognito_login = browser)");
    }
    return byDefault;
  }

  private int signInThroughBrowser(String name) {
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      throw new ParameterException(
          spec().commandLine(), "--timeout must be between 1 and 3600 seconds");
    }
    boolean display = SystemBrowser.hasDisplay(context().env(), context().osName());
    if (!noOpen && !display) {
      err().println("No display to open a browser on: showing the address instead.");
    }
    boolean open = !noOpen && display;
    JsonNode signedIn =
        new BrowserLogin(context(), name, open, !open, Duration.ofSeconds(timeoutSeconds), err())
            .signIn();
    out().println(signedInLine(signedIn, name, signedIn.path("username").asText()));
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
    out.println(signedInLine(signedIn, profile, answers.username()));
  }

  /** "Signed in to profile P as U; credentials valid until T." from the daemon's answer. */
  private static String signedInLine(JsonNode signedIn, String profile, String username) {
    String expiration = signedIn.path("expiration").asText("");
    return "Signed in to profile "
        + signedIn.path("profile").asText(profile)
        + " as "
        + signedIn.path("username").asText(username)
        + (expiration.isBlank() ? "." : "; credentials valid until " + expiration + ".");
  }
}

package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.daemon.DaemonErrorException;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.ChallengeField;
import dev.cognitocreds.client.prompt.FieldPrompts;
import dev.cognitocreds.client.prompt.KnownPassword;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code signup}: creates an account in the profile's user pool where the publisher allows
 * self-registration, confirms it with the code Cognito sends, then signs in.
 */
@Command(
    name = "signup",
    description = {
      "Create an account in the profile's user pool, confirm it with the code Cognito sends, then sign in.",
      "Works where the publisher allows self-registration; the attributes the pool requires are asked.",
      "--confirm finishes a sign-up whose code arrived earlier; --resend asks for a new code first.",
      "With --password-stdin: the password on the first line, then one line per further question (e-mail address, "
          + "other attributes, the code), in the order they are asked."
    })
public final class SignupCommand extends ClientCommand {
  private static final int MAX_ATTRIBUTE_ROUNDS = 5;
  private static final ChallengeField PASSWORD =
      new ChallengeField("PASSWORD", "Password", true, true, List.of());
  private static final ChallengeField EMAIL =
      new ChallengeField("email", "E-mail address", false, false, List.of());

  @Mixin ProfileOption profile;

  @Mixin AnswerOptions options;

  /** The new account's password: kept only to sign in once the account is confirmed. */
  private String password;

  @Option(
      names = "--attribute",
      paramLabel = "NAME=VALUE",
      description =
          "A user attribute to register, e.g. email=bob@example.com or custom:company=Acme (repeatable).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(
      names = "--confirm",
      description = "Only confirm an account created earlier, with the code received.")
  boolean confirm;

  @Option(names = "--resend", description = "Send a new confirmation code, then confirm with it.")
  boolean resend;

  @Option(names = "--no-login", description = "Do not sign in once the account is confirmed.")
  boolean noLogin;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    AnswerSource answers = options.source(context(), spec().commandLine());
    String user = answers.username();
    boolean creating = !confirm && !resend;
    // confirming without signing in needs no password; creating always does
    password =
        !creating && noLogin
            ? null
            : answers.interactive() && creating ? answers.answer(PASSWORD) : answers.password();
    DaemonClient daemon = context().daemon();
    JsonNode answer;
    if (resend) {
      answer =
          daemon
              .post(Routes.profile(name, Routes.SIGNUP_RESEND), usernameBody(user))
              .orThrow()
              .json();
    } else if (creating) {
      answer = signUp(name, user, answers);
    } else {
      answer = null;
    }
    if (answer == null || "CONFIRMATION_REQUIRED".equals(answer.path("status").asText())) {
      confirm(name, user, answer, answers);
    }
    out().println("Account " + user + " confirmed in profile " + name + ".");
    if (noLogin) {
      out()
          .println(
              "Sign in with `cognito-creds login --profile " + name + " --username " + user + "`.");
      return ExitCodes.OK;
    }
    LoginCommand.signIn(
        context(),
        name,
        Routes.profile(name, Routes.LOGIN),
        new KnownPassword(answers, user, password),
        out(),
        err());
    return ExitCodes.OK;
  }

  /**
   * SignUp, asking the attributes the pool turns out to require, until the account exists; at a
   * terminal, a password the pool's policy refuses is asked again.
   */
  private JsonNode signUp(String name, String user, AnswerSource answers) {
    Map<String, String> given = new LinkedHashMap<>(attributes);
    if (given.isEmpty()) {
      // a confirmation code needs somewhere to go; an e-mail username is that address
      given.put(EMAIL.name(), user.contains("@") ? user : answers.answer(EMAIL));
    }
    int attributeRounds = 0;
    int refusedPasswords = 0;
    while (true) {
      ObjectNode body = usernameBody(user).put("password", password);
      given.forEach(body.putObject("attributes")::put);
      JsonNode answer;
      try {
        answer =
            context().daemon().post(Routes.profile(name, Routes.SIGNUP), body).orThrow().json();
      } catch (DaemonErrorException refused) {
        if (!"InvalidPasswordException".equals(refused.code())
            || !answers.interactive()
            || ++refusedPasswords >= AnswerRounds.ATTEMPTS) {
          throw refused;
        }
        err().println(refused.getMessage());
        password = answers.answer(PASSWORD);
        continue;
      }
      if (!"ATTRIBUTES_REQUIRED".equals(answer.path("status").asText())) {
        return answer;
      }
      if (++attributeRounds > MAX_ATTRIBUTE_ROUNDS) {
        throw new ClientException(
            ExitCodes.ERROR,
            "the user pool kept asking for more attributes; "
                + "give them with --attribute NAME=VALUE");
      }
      err().println(answer.path("message").asText("The user pool needs more attributes."));
      FieldPrompts.ask(answer.path("fields"), answers)
          .properties()
          .forEach(entry -> given.put(entry.getKey(), entry.getValue().asText()));
    }
  }

  /**
   * ConfirmSignUp with the code the person received; a mistyped code is asked again at a terminal.
   */
  private void confirm(String name, String user, JsonNode sent, AnswerSource answers) {
    err()
        .println(
            sent == null
                ? "Enter the confirmation code Cognito sent you."
                : sent.path("message").asText());
    err().flush();
    JsonNode fields =
        sent == null
            ? JsonNodeFactory.instance
                .arrayNode()
                .add(
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("name", "CONFIRMATION_CODE")
                        .put("label", "Code")
                        .put("secret", true))
            : sent.path("fields");
    new AnswerRounds(context().daemon(), answers, err())
        .post(
            Routes.profile(name, Routes.SIGNUP_CONFIRM),
            () ->
                usernameBody(user)
                    .put(
                        "code",
                        FieldPrompts.ask(fields, answers).path("CONFIRMATION_CODE").asText()),
            " (or get a new code with `cognito-creds signup --resend --profile "
                + name
                + " --username "
                + user
                + "`)");
  }

  private static ObjectNode usernameBody(String user) {
    return JsonNodeFactory.instance.objectNode().put("username", user);
  }
}

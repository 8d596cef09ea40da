package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code env}: the variables with which every AWS SDK fetches credentials from the daemon itself
 * (container credentials provider), for {@code eval "$(cognito-creds env)"}.
 *
 * <p>The token goes into {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} by default because that is the
 * one variable every client reads: those released before EKS Pod Identity (late 2023) know nothing
 * else, and the newer ones read it as well. Exporting the token and the file variable together
 * would make the JavaScript SDK warn and newer SDKs prefer the file, so exactly one is set and the
 * other unset.
 */
@Command(
    name = "env",
    description = {
      "Print lines that point AWS SDKs at the daemon (container credentials).",
      "Use them with:",
      "  eval \"$(cognito-creds env --profile acme)\"            # bash, zsh, ksh, sh",
      "  cognito-creds env --profile acme --shell fish | source",
      "  eval `cognito-creds env --profile acme --shell csh`",
      "",
      "They set AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN (the"
          + " daemon's endpoint token), which every AWS SDK and tool reads, old ones included, and"
          + " unset AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE and"
          + " AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, which would take precedence.",
      "",
      "The token then lives in the environment: every program started from this shell inherits it"
          + " and may pass it on (a log of its environment, a container started with it). Whoever"
          + " holds it can fetch your AWS credentials from 127.0.0.1 while you are signed in. If it"
          + " leaked, delete the auth-token file and restart cognito-credsd: a new token is made."
          + " --token-file keeps it out of the environment, for tools that are all recent enough."
    })
public final class EnvCommand extends ClientCommand {
  static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
  static final String TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
  static final String TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

  @Mixin ProfileOption profile;

  @Option(
      names = "--shell",
      paramLabel = "SHELL",
      defaultValue = "sh",
      description = "Syntax of the lines: " + ShellSyntax.NAMES + ". Default: sh.")
  String shell;

  @Option(
      names = "--token-file",
      description =
          "Export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (the token file's path) instead of the"
              + " token. Only SDKs released since late 2023 read it; Debian 12's awscli and"
              + " python3-botocore, programs on aws-sdk-go 1.44, amazon-ecr-credential-helper and the"
              + " AWS SDK for Java v2 up to 2.21 then get 401.")
  boolean tokenFile;

  @Override
  public Integer call() {
    ShellSyntax syntax = ShellSyntax.named(shell);
    String name = profile.resolve(context().env());
    DaemonClient daemon = context().daemon();
    JsonNode status = daemon.get(Routes.STATUS).orThrow().json();
    checkProfile(name, status);
    String uri = daemon.endpoint() + Routes.profile(name, Routes.CREDENTIALS);
    out().println(syntax.unset(RELATIVE_URI));
    out().println(syntax.unset(tokenFile ? TOKEN : TOKEN_FILE));
    out().println(syntax.export(FULL_URI, uri));
    out()
        .println(
            tokenFile
                ? syntax.export(TOKEN_FILE, context().paths().tokenFile().toString())
                : syntax.export(TOKEN, daemon.token()));
    return ExitCodes.OK;
  }

  /**
   * An unknown profile is an error (the URI would only ever answer 404); a signed-out one is a
   * warning.
   */
  private void checkProfile(String name, JsonNode status) {
    List<String> known = new ArrayList<>();
    for (JsonNode entry : status.path("profiles")) {
      String profileName = entry.path("profile").asText();
      if (profileName.equals(name)) {
        if ("SIGNED_OUT".equals(entry.path("state").asText())) {
          err()
              .println(
                  "profile "
                      + name
                      + " is signed out: run `cognito-creds login --profile "
                      + name
                      + "`");
        }
        return;
      }
      known.add(profileName);
    }
    throw new ClientException(
        ExitCodes.ERROR,
        "profile "
            + name
            + " has no cognito_* keys in "
            + status.path("configFile").asText("the AWS config file")
            + "; cognito profiles: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
  }
}

package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.contract.ExitCodes;
import dev.cognitocreds.contract.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code env}: the two variables with which every AWS SDK fetches credentials from the daemon
 * itself (container credentials provider), for {@code eval "$(cognito-creds env)"}.
 */
@Command(
    name = "env",
    description = {
      "Print export lines that point AWS SDKs at the daemon.",
      "Use them with:",
      "  eval \"$(cognito-creds env --profile acme)\""
    })
public final class EnvCommand extends ClientCommand {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  @Mixin ProfileOption profile;

  @Override
  public Integer call() {
    String name = profile.resolve(context().env());
    DaemonClient daemon = context().daemon();
    JsonNode status = daemon.get(Routes.STATUS).orThrow().json();
    checkProfile(name, status);
    String uri = daemon.endpoint() + Routes.profile(name, Routes.CREDENTIALS);
    out().println("export AWS_CONTAINER_CREDENTIALS_FULL_URI=" + shellQuoted(uri));
    out()
        .println(
            "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="
                + shellQuoted(context().paths().tokenFile().toString()));
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

  static String shellQuoted(String value) {
    return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}

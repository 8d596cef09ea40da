package dev.cognitocreds.publisher.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The onboarding file ({@code cognito-creds configure all --from} reads it), the short text that
 * goes with it, and what the publisher should know about the setup it describes.
 */
public record Onboarding(ObjectNode file, String profile, List<String> warnings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public String json() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What to send to a user with the file. */
  public String message(String fileName) {
    boolean browser = file.has("domain");
    return String.join(
        "\n",
        "Your access to our container images:",
        "",
        "1. Install cognito-creds (the package we sent you) and start its service:",
        "     cognito-creds service install",
        "2. Save the attached " + fileName + " and run:",
        "     cognito-creds configure all --from " + fileName,
        "3. Sign in once" + (browser ? " (or with --browser):" : ":"),
        "     cognito-creds login --profile " + profile,
        "   Your username and a temporary password come in an e-mail from us; you choose your own",
        "   password at the first sign-in.",
        "4. Then docker pull / podman pull " + file.path("registry").asText("our registry") + "/…",
        "   just works. `cognito-creds doctor` tells what is wrong if it does not.",
        "");
  }
}

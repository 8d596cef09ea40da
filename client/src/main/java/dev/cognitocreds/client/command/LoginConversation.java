package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.prompt.AnswerSource;
import dev.cognitocreds.client.prompt.FieldPrompts;
import dev.cognitocreds.client.prompt.TerminalQrCode;
import dev.cognitocreds.contract.ExitCodes;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Walks the daemon's sign-in conversation: start with username and password, then answer each
 * challenge's {@code fields} until the daemon says SIGNED_IN. It knows no challenge by name, so new
 * challenges need no client change; it only knows how to show the public parameters (an {@code
 * otpauthUri} becomes a QR code).
 */
final class LoginConversation {
  private static final String OTPAUTH_URI = "otpauthUri";
  private static final String SECRET_CODE = "secretCode";

  private final DaemonClient daemon;
  private final String route;
  private final AnswerSource answers;
  private final PrintWriter notes;
  private final Clock clock;

  /** {@code notes} receives challenge messages and parameters, never an answer. */
  LoginConversation(
      DaemonClient daemon, String route, AnswerSource answers, PrintWriter notes, Clock clock) {
    this.daemon = daemon;
    this.route = route;
    this.answers = answers;
    this.notes = notes;
    this.clock = clock;
  }

  /** Returns the daemon's SIGNED_IN answer. */
  JsonNode signIn() {
    ObjectNode start = JsonNodeFactory.instance.objectNode();
    start.put("username", answers.username());
    start.put("password", answers.password());
    JsonNode answer = daemon.post(route, start).orThrow().json();
    AnswerRounds rounds = new AnswerRounds(daemon, answers, notes);
    while ("CHALLENGE".equals(answer.path("status").asText())) {
      JsonNode challenge = answer;
      describe(challenge);
      answer = rounds.post(route, () -> reply(challenge), deadline(challenge));
    }
    if (!"SIGNED_IN".equals(answer.path("status").asText())) {
      throw new ClientException(
          ExitCodes.ERROR,
          "cognito-credsd answered the sign-in with an unknown status '"
              + answer.path("status").asText()
              + "'");
    }
    return answer;
  }

  private ObjectNode reply(JsonNode challenge) {
    ObjectNode next = JsonNodeFactory.instance.objectNode();
    next.put("conversation", challenge.path("conversation").asText());
    next.set("answers", FieldPrompts.ask(challenge.path("fields"), answers));
    return next;
  }

  private void describe(JsonNode challenge) {
    String message = challenge.path("message").asText("");
    notes.println(
        message.isBlank() ? "Cognito asks: " + challenge.path("challenge").asText() : message);
    JsonNode parameters = challenge.path("parameters");
    if (parameters.hasNonNull(OTPAUTH_URI)) {
      TerminalQrCode.lines(parameters.path(OTPAUTH_URI).asText()).forEach(notes::println);
    }
    if (parameters.hasNonNull(SECRET_CODE)) {
      notes.println("  Secret key (to type in instead): " + parameters.path(SECRET_CODE).asText());
    }
    for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
      if (parameter.getKey().equals(SECRET_CODE)) {
        continue;
      }
      JsonNode value = parameter.getValue();
      notes.println(
          "  "
              + parameter.getKey()
              + ": "
              + (value.isValueNode() ? value.asText() : value.toString()));
    }
    notes.println("Cognito's sign-in session expires in a few minutes" + deadline(challenge) + ".");
    notes.flush();
  }

  /**
   * " (by 08:43:10 UTC, in about 3 minutes)" from the challenge's expiresAt; empty when unknown.
   */
  private String deadline(JsonNode challenge) {
    String expiresAt = challenge.path("expiresAt").asText("");
    if (expiresAt.isBlank()) {
      return "";
    }
    try {
      Instant until = Instant.parse(expiresAt);
      long minutes =
          Math.max(0, Duration.between(clock.instant(), until).plusSeconds(30).toMinutes());
      return " (by "
          + until.toString().substring(11, 19)
          + " UTC, in about "
          + minutes
          + " minute"
          + (minutes == 1 ? "" : "s")
          + ")";
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return "";
    }
  }
}

package dev.cognitocreds.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.daemon.DaemonClient;
import dev.cognitocreds.client.daemon.DaemonErrorException;
import dev.cognitocreds.client.daemon.DaemonResponse;
import dev.cognitocreds.client.prompt.AnswerSource;
import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends answers to the daemon; when Cognito refuses one the person can simply correct (a mistyped
 * code, a password the policy refuses) and someone is at the terminal, says why and asks again.
 * Scripts get the refusal at once: their next stdin line would not be a better answer.
 */
final class AnswerRounds {
  static final int ATTEMPTS = 3;

  /** Daemon error codes after which the same request, with a new answer, can still succeed. */
  private static final Set<String> CORRECTABLE =
      Set.of(
          "CodeMismatchException",
          "EnableSoftwareTokenMFAException",
          "InvalidPasswordException",
          "PasswordHistoryPolicyViolationException");

  private final DaemonClient daemon;
  private final AnswerSource answers;
  private final PrintWriter notes;

  AnswerRounds(DaemonClient daemon, AnswerSource answers, PrintWriter notes) {
    this.daemon = daemon;
    this.answers = answers;
    this.notes = notes;
  }

  /**
   * Posts {@code body} (asked anew for each round) to {@code route} until the daemon accepts it.
   */
  JsonNode post(String route, Supplier<JsonNode> body, String whileWhat) {
    for (int attempt = 1; ; attempt++) {
      DaemonResponse response = daemon.post(route, body.get());
      if (response.ok()) {
        return response.json();
      }
      try {
        response.orThrow();
      } catch (DaemonErrorException refused) {
        if (!CORRECTABLE.contains(refused.code())
            || !answers.interactive()
            || attempt >= ATTEMPTS) {
          throw refused;
        }
        notes.println(refused.getMessage());
        notes.println("Try again" + whileWhat + ".");
        notes.flush();
      }
    }
  }
}

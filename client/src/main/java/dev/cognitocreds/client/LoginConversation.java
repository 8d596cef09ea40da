package dev.cognitocreds.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Walks the daemon's sign-in conversation: start with username and password, then answer each
 * challenge's {@code fields} until the daemon says SIGNED_IN. It knows no challenge by name, so
 * new challenges need no client change.
 */
final class LoginConversation {
    private final DaemonClient daemon;
    private final String route;
    private final AnswerSource answers;
    private final PrintWriter notes;

    /** {@code notes} receives challenge messages and parameters, never an answer. */
    LoginConversation(DaemonClient daemon, String route, AnswerSource answers, PrintWriter notes) {
        this.daemon = daemon;
        this.route = route;
        this.answers = answers;
        this.notes = notes;
    }

    /** Returns the daemon's SIGNED_IN answer. */
    JsonNode signIn() {
        ObjectNode start = JsonNodeFactory.instance.objectNode();
        start.put("username", answers.username());
        start.put("password", answers.password());
        JsonNode answer = daemon.post(route, start).orThrow().json();
        while ("CHALLENGE".equals(answer.path("status").asText())) {
            answer = daemon.post(route, reply(answer)).orThrow().json();
        }
        if (!"SIGNED_IN".equals(answer.path("status").asText())) {
            throw new ClientException(ExitCodes.ERROR,
                    "cognito-credsd answered the sign-in with an unknown status '" + answer.path("status").asText() + "'");
        }
        return answer;
    }

    private ObjectNode reply(JsonNode challenge) {
        describe(challenge);
        ObjectNode replies = JsonNodeFactory.instance.objectNode();
        for (JsonNode field : challenge.path("fields")) {
            ChallengeField asked = ChallengeField.fromJson(field);
            replies.put(asked.name(), answers.answer(asked));
        }
        ObjectNode next = JsonNodeFactory.instance.objectNode();
        next.put("conversation", challenge.path("conversation").asText());
        next.set("answers", replies);
        return next;
    }

    private void describe(JsonNode challenge) {
        String message = challenge.path("message").asText("");
        notes.println(message.isBlank() ? "Cognito asks: " + challenge.path("challenge").asText() : message);
        Iterator<Map.Entry<String, JsonNode>> parameters = challenge.path("parameters").fields();
        while (parameters.hasNext()) {
            Map.Entry<String, JsonNode> parameter = parameters.next();
            JsonNode value = parameter.getValue();
            notes.println("  " + parameter.getKey() + ": " + (value.isValueNode() ? value.asText() : value.toString()));
        }
        notes.flush();
    }
}

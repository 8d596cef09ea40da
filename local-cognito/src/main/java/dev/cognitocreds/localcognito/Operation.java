package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS JSON 1.1 operation: request body in, response body out, or a {@link CognitoException}.
 */
@FunctionalInterface
public interface Operation {
  JsonNode handle(JsonNode request);
}

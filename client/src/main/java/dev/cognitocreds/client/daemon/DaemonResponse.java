package dev.cognitocreds.client.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.client.ClientException;
import dev.cognitocreds.contract.ExitCodes;

/** One answer of the daemon: the HTTP status and the body exactly as received. */
public record DaemonResponse(int status, String body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as JSON; an unreadable body is an error of the daemon, not of the person. */
  public JsonNode json() {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ClientException(
          ExitCodes.ERROR,
          "cognito-credsd answered HTTP " + status + " with a body that is not JSON");
    }
  }

  /** This answer, or the daemon's error as an exception carrying its message and exit code. */
  public DaemonResponse orThrow() {
    if (ok()) {
      return this;
    }
    String code = null;
    String message = null;
    try {
      JsonNode error = Json.MAPPER.readTree(body);
      code = error.path("code").textValue();
      message = error.path("message").textValue();
    } catch (JsonProcessingException | RuntimeException e) {
      // fall through to the generic message below
    }
    throw new DaemonErrorException(
        status, code, message != null ? message : "cognito-credsd answered HTTP " + status);
  }
}

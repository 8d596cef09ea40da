package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.localcognito.sigv4.VerifiedSigner;

/**
 * An AWS JSON 1.1 operation of a service that only answers requests signed with credentials
 * local-cognito issued; it runs after the signature has been checked.
 */
@FunctionalInterface
public interface SignedOperation {
  JsonNode handle(JsonNode request, VerifiedSigner signer);
}

package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.Json;
import java.time.Instant;

/**
 * A user pool group; its role and precedence feed {@code cognito:roles} and {@code
 * cognito:preferred_role}.
 */
record Group(
    String poolId,
    String name,
    String description,
    String roleArn,
    Integer precedence,
    Instant created) {

  ObjectNode toJson() {
    ObjectNode node = Json.object().put("GroupName", name).put("UserPoolId", poolId);
    if (description != null) {
      node.put("Description", description);
    }
    if (roleArn != null) {
      node.put("RoleArn", roleArn);
    }
    if (precedence != null) {
      node.put("Precedence", precedence);
    }
    node.put("CreationDate", created.getEpochSecond())
        .put("LastModifiedDate", created.getEpochSecond());
    return node;
  }
}

package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.Json;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A user pool user. Mutable; guarded by the single lock around all operations. */
final class User {
  final String username;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final Set<String> groups = new LinkedHashSet<>();
  final EnumSet<MfaType> mfaEnabled = EnumSet.noneOf(MfaType.class);
  final Instant created;
  Instant modified;
  UserStatus status;
  boolean enabled = true;
  PasswordVerifier password;
  MfaType preferredMfa;
  String totpSecret;

  /** Pending code for sign-up confirmation or password reset, and when it stops working. */
  String pendingCode;

  String pendingCodePurpose;
  String pendingTotpSecret;
  Instant pendingCodeExpires;

  User(String username, String sub, Instant created) {
    this.username = username;
    this.created = created;
    this.modified = created;
    attributes.put("sub", sub);
  }

  String sub() {
    return attributes.get("sub");
  }

  ArrayNode attributesJson() {
    ArrayNode list = Json.array();
    attributes.forEach((name, value) -> list.addObject().put("Name", name).put("Value", value));
    return list;
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object().put("Username", username);
    node.set("Attributes", attributesJson());
    node.put("UserCreateDate", created.getEpochSecond())
        .put("UserLastModifiedDate", modified.getEpochSecond())
        .put("Enabled", enabled)
        .put("UserStatus", status.name());
    return node;
  }
}

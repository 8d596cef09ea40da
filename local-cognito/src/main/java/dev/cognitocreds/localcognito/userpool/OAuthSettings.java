package dev.cognitocreds.localcognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.localcognito.CognitoException;
import dev.cognitocreds.localcognito.Json;
import java.util.List;
import java.util.Set;

/**
 * An app client's hosted-UI settings, with CreateUserPoolClient's member names: which OAuth flows
 * and scopes it allows, the exact callback and sign-out URLs, and the identity providers its users
 * may sign in with ({@code COGNITO} is the pool's own user directory).
 */
record OAuthSettings(
    boolean enabled,
    List<String> flows,
    List<String> scopes,
    List<String> callbackUrls,
    List<String> logoutUrls,
    List<String> identityProviders) {

  private static final Set<String> FLOWS = Set.of("code", "implicit", "client_credentials");

  static OAuthSettings from(JsonNode request) {
    List<String> flows = Json.stringList(request, "AllowedOAuthFlows");
    for (String flow : flows) {
      if (!FLOWS.contains(flow)) {
        throw CognitoException.invalidParameter("Invalid AllowedOAuthFlows: " + flow);
      }
    }
    OAuthSettings settings =
        new OAuthSettings(
            request.path("AllowedOAuthFlowsUserPoolClient").asBoolean(false),
            flows,
            Json.stringList(request, "AllowedOAuthScopes"),
            Json.stringList(request, "CallbackURLs"),
            Json.stringList(request, "LogoutURLs"),
            Json.stringList(request, "SupportedIdentityProviders"));
    if (settings.enabled && settings.callbackUrls.isEmpty() && flows.contains("code")) {
      throw CognitoException.invalidParameter(
          "CallbackURLs must be set when the code flow is allowed.");
    }
    return settings;
  }

  void addTo(ObjectNode client) {
    if (!enabled && flows.isEmpty() && callbackUrls.isEmpty() && identityProviders.isEmpty()) {
      return;
    }
    client.put("AllowedOAuthFlowsUserPoolClient", enabled);
    flows.forEach(client.withArray("AllowedOAuthFlows")::add);
    scopes.forEach(client.withArray("AllowedOAuthScopes")::add);
    callbackUrls.forEach(client.withArray("CallbackURLs")::add);
    logoutUrls.forEach(client.withArray("LogoutURLs")::add);
    identityProviders.forEach(client.withArray("SupportedIdentityProviders")::add);
  }
}

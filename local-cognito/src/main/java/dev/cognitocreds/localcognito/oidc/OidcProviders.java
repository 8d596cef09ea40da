package dev.cognitocreds.localcognito.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cognitocreds.localcognito.Json;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stand-in OpenID Connect providers local-cognito serves at {@code /_oidc/<name>}: for
 * hosted-UI federation and for identity pools that trust an OIDC provider directly.
 */
public final class OidcProviders {
  private final Map<String, StandInProvider> byName = new LinkedHashMap<>();
  private final Clock clock;
  private final Supplier<String> base;

  public OidcProviders(Clock clock, Supplier<String> base) {
    this.clock = clock;
    this.base = base;
  }

  /** A new provider with that name, or the existing one. */
  public synchronized StandInProvider create(String name) {
    return byName.computeIfAbsent(name, n -> new StandInProvider(n, base, clock));
  }

  public synchronized Optional<StandInProvider> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The key that signs tokens with this {@code iss}, when it is one of these providers. */
  public synchronized Optional<RSAKey> publicKey(String issuer) {
    return byName.values().stream()
        .filter(provider -> provider.issuer().equals(issuer))
        .findFirst()
        .map(StandInProvider::publicKey);
  }

  public void register(RoutesConfig routes) {
    new OidcRoutes(this, clock).register(routes);
  }

  /**
   * Loads the seed's {@code OidcProviders}: {@code [{"Name", "Clients": [{"ClientId",
   * "ClientSecret", "RedirectUris"}], "Users": [{"Username", "Password", "Claims"}]}]}; a redirect
   * URI starting with {@code /} is on local-cognito itself (a hosted UI's idpresponse).
   */
  public void seed(JsonNode providers) {
    for (JsonNode node : providers) {
      StandInProvider provider = create(Json.required(node, "Name"));
      for (JsonNode client : node.path("Clients")) {
        List<String> redirects = new ArrayList<>();
        for (String uri : Json.stringList(client, "RedirectUris")) {
          redirects.add(uri.startsWith("/") ? base.get() + uri : uri);
        }
        provider.client(
            Json.required(client, "ClientId"),
            Json.optional(client, "ClientSecret").orElse(null),
            redirects.toArray(String[]::new));
      }
      for (JsonNode user : node.path("Users")) {
        provider.user(
            Json.required(user, "Username"),
            Json.required(user, "Password"),
            Json.stringMap(user, "Claims"));
      }
    }
  }
}

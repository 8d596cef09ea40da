package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognitocreds.localcognito.ecr.RegistryPassword;
import dev.cognitocreds.localcognito.identitypool.IssuedCredentials;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /_local/*}: outbox, call counters, faults, issued credentials, registry passwords and
 * health, for tests and the demo.
 */
final class AdminRoutes {
  private final Outbox outbox;
  private final Calls calls;
  private final Faults faults;
  private final Supplier<List<IssuedCredentials>> issued;
  private final Supplier<List<RegistryPassword>> registryPasswords;

  AdminRoutes(
      Outbox outbox,
      Calls calls,
      Faults faults,
      Supplier<List<IssuedCredentials>> issued,
      Supplier<List<RegistryPassword>> registryPasswords) {
    this.outbox = outbox;
    this.calls = calls;
    this.faults = faults;
    this.issued = issued;
    this.registryPasswords = registryPasswords;
  }

  void register(RoutesConfig routes) {
    routes.get("/_local/health", ctx -> json(ctx, Json.object().put("status", "ok").toString()));
    routes.get("/_local/outbox", this::outbox);
    routes.get("/_local/calls", ctx -> json(ctx, Json.MAPPER.writeValueAsString(calls.snapshot())));
    routes.delete(
        "/_local/calls",
        ctx -> {
          calls.reset();
          ctx.status(204);
        });
    routes.put("/_local/faults/{operation}", this::setFault);
    routes.delete(
        "/_local/faults",
        ctx -> {
          faults.clear();
          ctx.status(204);
        });
    routes.get("/_local/credentials", this::credentials);
    routes.get("/_local/ecr/passwords", this::registryPasswords);
  }

  private void outbox(Context ctx) {
    String username = ctx.queryParam("username");
    ArrayNode list = Json.array();
    for (OutboxMessage m : username == null ? outbox.messages() : outbox.messages(username)) {
      list.addObject()
          .put("poolId", m.poolId())
          .put("username", m.username())
          .put("medium", m.medium())
          .put("destination", m.destination())
          .put("code", m.code())
          .put("purpose", m.purpose())
          .put("time", m.time().toString());
    }
    json(ctx, list.toString());
  }

  private void setFault(Context ctx) {
    try {
      Fault fault =
          ctx.body().isBlank() ? Fault.NONE : Json.MAPPER.readValue(ctx.body(), Fault.class);
      faults.set(ctx.pathParam("operation"), fault);
      ctx.status(204);
    } catch (JsonProcessingException e) {
      ctx.status(400);
      json(
          ctx,
          Json.object().put("code", "BadFault").put("message", e.getOriginalMessage()).toString());
    }
  }

  private void credentials(Context ctx) {
    ArrayNode list = Json.array();
    for (IssuedCredentials c : issued.get()) {
      list.addObject()
          .put("accessKeyId", c.accessKeyId())
          .put("identityId", c.identityId())
          .put("roleArn", c.roleArn())
          .put("expiration", c.expiration().toString());
    }
    json(ctx, list.toString());
  }

  private void registryPasswords(Context ctx) {
    ArrayNode list = Json.array();
    for (RegistryPassword p : registryPasswords.get()) {
      list.addObject()
          .put("accessKeyId", p.accessKeyId())
          .put("proxyEndpoint", p.proxyEndpoint())
          .put("password", p.password())
          .put("expiresAt", p.expiresAt().toString());
    }
    json(ctx, list.toString());
  }

  private static void json(Context ctx, String body) {
    ctx.contentType("application/json").result(body);
  }
}

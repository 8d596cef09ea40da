package dev.cognitocreds.localcognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.localcognito.sigv4.SignatureException;
import dev.cognitocreds.localcognito.sigv4.SignedRequest;
import dev.cognitocreds.localcognito.sigv4.VerifiedSigner;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 endpoint: routes by {@code X-Amz-Target}, counts calls, applies faults, runs the
 * operation under one lock (state is shared and small) and answers errors in Cognito's shape. A
 * signed service's calls run only once their SigV4 signature checks out.
 */
final class AwsJsonEndpoint {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonEndpoint.class);

  /** An operation, signed or not, bound to its service. */
  @FunctionalInterface
  private interface Call {
    JsonNode run(JsonNode request, Context ctx);
  }

  private final Map<String, Map<String, Operation>> servicesByPrefix;
  private final Map<String, SignedService> signedServicesByPrefix;
  private final Calls calls;
  private final Faults faults;
  private final Clock clock;
  private final Object lock;

  /** {@code lock} is also held by the hosted UI, which changes the same pools. */
  AwsJsonEndpoint(
      Map<String, Map<String, Operation>> servicesByPrefix,
      Map<String, SignedService> signedServicesByPrefix,
      Calls calls,
      Faults faults,
      Object lock,
      Clock clock) {
    this.servicesByPrefix = servicesByPrefix;
    this.signedServicesByPrefix = signedServicesByPrefix;
    this.calls = calls;
    this.faults = faults;
    this.clock = clock;
    this.lock = lock;
  }

  void handle(Context ctx) throws InterruptedException {
    String target = ctx.header("X-Amz-Target");
    int dot = target == null ? -1 : target.lastIndexOf('.');
    String name = dot < 0 ? "" : target.substring(dot + 1);
    Call operation = dot < 0 ? null : call(target.substring(0, dot), name);
    if (operation == null) {
      error(
          ctx,
          name,
          new CognitoException("UnknownOperationException", "Unknown operation " + target));
      return;
    }
    calls.record(name);
    faults.holdWhileHanging(name);
    long latency = faults.latencyMs(name);
    if (latency > 0) {
      Thread.sleep(latency);
    }
    switch (faults.outcome(name)) {
      case DROP -> {
        LOG.info("{} -> connection dropped (fault)", name);
        ConnectionDropper.drop(ctx);
        return;
      }
      case THROTTLE -> {
        error(ctx, name, new CognitoException("TooManyRequestsException", "Rate exceeded"));
        return;
      }
      case SERVER_ERROR -> {
        error(
            ctx,
            name,
            new CognitoException("InternalErrorException", "Internal server error", 500));
        return;
      }
      default -> {}
    }
    JsonNode request;
    try {
      String body = ctx.body();
      request = body.isBlank() ? Json.object() : Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      error(
          ctx, name, new CognitoException("SerializationException", "Malformed JSON request body"));
      return;
    }
    try {
      JsonNode response;
      synchronized (lock) {
        response = operation.run(request, ctx);
      }
      respond(ctx, 200, response.toString());
      LOG.info("{} -> 200", name);
    } catch (CognitoException e) {
      error(ctx, name, e);
    } catch (RuntimeException e) {
      LOG.error("{} failed", name, e);
      error(
          ctx, name, new CognitoException("InternalErrorException", "Internal server error", 500));
    }
  }

  private Call call(String prefix, String name) {
    Map<String, Operation> operations = servicesByPrefix.get(prefix);
    if (operations != null) {
      Operation operation = operations.get(name);
      return operation == null ? null : (request, ctx) -> operation.handle(request);
    }
    SignedService signed = signedServicesByPrefix.get(prefix);
    SignedOperation operation = signed == null ? null : signed.operations().get(name);
    return operation == null
        ? null
        : (request, ctx) -> operation.handle(request, verify(signed, ctx));
  }

  private static VerifiedSigner verify(SignedService service, Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String header : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(header, new ArrayList<>(Collections.list(ctx.req().getHeaders(header))));
    }
    SignedRequest request =
        new SignedRequest(
            ctx.req().getMethod(),
            ctx.req().getRequestURI(),
            ctx.req().getQueryString(),
            headers,
            ctx.bodyAsBytes());
    try {
      return service.verifier().verify(request);
    } catch (SignatureException e) {
      throw new CognitoException(e.type(), e.getMessage(), 403);
    }
  }

  private void error(Context ctx, String operation, CognitoException e) {
    LOG.info("{} -> {} {}: {}", operation, e.status(), e.type(), e.getMessage());
    ctx.header("x-amzn-ErrorType", e.type() + ":");
    respond(
        ctx,
        e.status(),
        Json.object().put("__type", e.type()).put("message", e.getMessage()).toString());
  }

  /**
   * Like AWS, every answer carries a {@code Date} header, from the injected clock: a client whose
   * clock differs from Cognito's can tell by how much.
   */
  private void respond(Context ctx, int status, String body) {
    ctx.status(status)
        .header(
            "Date",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)))
        .header("x-amzn-RequestId", UUID.randomUUID().toString())
        .contentType(CONTENT_TYPE)
        .result(body);
  }
}

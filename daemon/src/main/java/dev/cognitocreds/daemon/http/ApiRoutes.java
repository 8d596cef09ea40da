package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.Challenge;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.auth.MfaTypes;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.session.LoginOutcome;
import dev.cognitocreds.daemon.session.ProfileStatus;
import dev.cognitocreds.daemon.session.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The handlers of the daemon's routes; each turns a request into one {@link Sessions} call. */
final class ApiRoutes {

  private static final byte[] HEALTHY = Json.bytes(Map.of("status", "ok"));

  private final Sessions sessions;
  private final String version;
  private final Path configFile;
  private final IntSupplier port;
  private final CredentialDocuments documents = new CredentialDocuments();

  ApiRoutes(Sessions sessions, String version, Path configFile, IntSupplier port) {
    this.sessions = sessions;
    this.version = version;
    this.configFile = configFile;
    this.port = port;
  }

  byte[] health(RouteRequest request) {
    return HEALTHY;
  }

  /**
   * The profile {@code GET /v1/credentials} serves; cheap (the config file is looked at once a
   * second at most).
   */
  String defaultProfile() {
    return sessions.defaultProfile();
  }

  /**
   * The document when the session has the credentials at hand without waiting for anything, else
   * null; {@code profile} null is the default profile.
   */
  byte[] documentWithoutWaiting(String profile, boolean credentialProcess) {
    AwsCredentials credentials = sessions.credentialsWithoutWaiting(profile).orElse(null);
    if (credentials == null) {
      return null;
    }
    CredentialDocuments.Rendered rendered = documents.of(profile, credentials);
    return credentialProcess ? rendered.process() : rendered.container();
  }

  /** The profile's credentials as a container-credentials or a credential_process document. */
  byte[] document(String profile, boolean credentialProcess) {
    CredentialDocuments.Rendered rendered = documents.of(profile, sessions.credentials(profile));
    return credentialProcess ? rendered.process() : rendered.container();
  }

  /**
   * A registry's password in the Docker credential helper's {@code get} format; the optional query
   * parameter {@code profile} is the caller's {@code AWS_PROFILE}.
   */
  byte[] registryCredentials(RouteRequest request) {
    return documents.registry(
        sessions.registryPassword(request.param("registry"), request.query("profile")));
  }

  /** {@link #registryCredentials} when the password is at hand without waiting, else null. */
  byte[] registryCredentialsWithoutWaiting(RouteRequest request) {
    return sessions
        .registryPasswordWithoutWaiting(request.param("registry"), request.query("profile"))
        .map(documents::registry)
        .orElse(null);
  }

  byte[] login(RouteRequest request) {
    return login(request, Optional.empty());
  }

  byte[] loginWithFlow(RouteRequest request) {
    String flow = request.param("flow");
    return login(
        request,
        Optional.of(
            AuthFlow.parse(flow)
                .orElseThrow(
                    () ->
                        Failure.badRequest(
                            "unknown sign-in flow "
                                + flow
                                + ": use USER_SRP_AUTH or USER_PASSWORD_AUTH"))));
  }

  private byte[] login(RouteRequest request, Optional<AuthFlow> flow) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    LoginOutcome outcome;
    if (body.get("conversation") instanceof String conversation) {
      outcome = sessions.answer(profile, conversation, answers(body.get("answers")));
    } else {
      outcome = sessions.login(profile, flow, text(body, "username"), text(body, "password"));
    }
    documents.forget();
    return Json.bytes(render(outcome));
  }

  /**
   * Starts a browser sign-in: the address the client prints and opens, and the {@code state} it
   * checks on the callback. Body (optional): {@code {"timeoutSeconds": 300}}, how long the client
   * waits.
   */
  byte[] browserLogin(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = request.body().length == 0 ? Map.of() : Json.object(request.body());
    long seconds = 300;
    if (body.get("timeoutSeconds") instanceof Number number) {
      seconds = number.longValue();
    }
    if (seconds < 1 || seconds > 3600) {
      throw Failure.badRequest("timeoutSeconds must be between 1 and 3600");
    }
    BrowserSignIn.Started started =
        sessions.startBrowserLogin(profile, Duration.ofSeconds(seconds));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "BROWSER");
    answer.put("profile", profile);
    answer.put("attempt", started.attempt());
    answer.put("authorizeUrl", started.authorizeUrl().toString());
    answer.put("state", started.state());
    answer.put("redirectUri", started.redirectUri().toString());
    answer.put("expiresAt", Json.time(started.expiresAt()));
    return Json.bytes(answer);
  }

  /** Finishes a browser sign-in: {@code {"attempt", "state", "code"}} from the callback. */
  byte[] browserCallback(RouteRequest request) {
    String profile = request.param("p");
    Map<String, Object> body = Json.object(request.body());
    LoginOutcome outcome =
        sessions.finishBrowserLogin(
            profile, text(body, "attempt"), text(body, "state"), text(body, "code"));
    documents.forget();
    return Json.bytes(render(outcome));
  }

  byte[] logout(RouteRequest request) {
    String profile = request.param("p");
    boolean everywhere = Boolean.TRUE.equals(Json.object(request.body()).get("everywhere"));
    boolean revoked = sessions.logout(profile, everywhere);
    documents.forget();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "SIGNED_OUT");
    body.put("profile", profile);
    body.put("revoked", revoked);
    return Json.bytes(body);
  }

  byte[] status(RouteRequest request) {
    List<Map<String, Object>> profiles = new ArrayList<>();
    for (ProfileStatus status : sessions.status()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("profile", status.profile());
      entry.put("state", status.state().name());
      entry.put("username", status.username().orElse(null));
      entry.put("sub", status.sub().orElse(null));
      entry.put("identityId", status.identityId().orElse(null));
      entry.put("expiration", Json.time(status.expiration().orElse(null)));
      entry.put("nextRefresh", Json.time(status.nextRefresh().orElse(null)));
      entry.put("lastError", status.lastError().orElse(null));
      entry.put("store", status.store());
      entry.put("problems", status.problems());
      entry.put("warnings", status.warnings());
      profiles.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("port", port.getAsInt());
    body.put("configFile", configFile.toString());
    body.put("profiles", profiles);
    return Json.bytes(body);
  }

  private static Map<String, Object> render(LoginOutcome outcome) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (outcome instanceof LoginOutcome.SignedIn signedIn) {
      body.put("status", "SIGNED_IN");
      body.put("profile", signedIn.profile());
      body.put("username", signedIn.username());
      body.put("identityId", signedIn.identityId());
      body.put("expiration", Json.time(signedIn.expiration()));
      return body;
    }
    LoginOutcome.ChallengeAsked asked = (LoginOutcome.ChallengeAsked) outcome;
    Challenge challenge = asked.challenge();
    body.put("status", "CHALLENGE");
    body.put("profile", asked.profile());
    body.put("conversation", asked.conversation());
    body.put("challenge", challenge.name());
    body.put("message", challenge.message());
    body.put("expiresAt", Json.time(asked.expiresAt()));
    body.put("fields", challenge.fields().stream().map(ApiRoutes::field).toList());
    body.put("parameters", challenge.parameters());
    return body;
  }

  static Map<String, Object> field(ChallengeField field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", field.name());
    body.put("label", field.label());
    body.put("secret", field.secret());
    if (field.confirm()) {
      body.put("confirm", true);
    }
    if (!field.choices().isEmpty()) {
      body.put("choices", field.choices().stream().map(ApiRoutes::choice).toList());
    }
    return body;
  }

  /** A pick-list entry: the value Cognito expects back and what the person reads. */
  private static Map<String, Object> choice(String value) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("value", value);
    choice.put("label", MfaTypes.label(value));
    return choice;
  }

  private static String text(Map<String, Object> body, String key) {
    if (body.get(key) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw Failure.badRequest(
        "the request body needs \"" + key + "\" (or \"conversation\" and \"answers\")");
  }

  private static Map<String, String> answers(Object answers) {
    if (!(answers instanceof Map<?, ?> map)) {
      throw Failure.badRequest(
          "the request body needs \"answers\": an object of field name to answer");
    }
    Map<String, String> result = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            result.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
    return result;
  }
}

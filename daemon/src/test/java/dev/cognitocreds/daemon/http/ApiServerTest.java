package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.Challenge;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryPassword;
import dev.cognitocreds.daemon.session.LoginOutcome;
import dev.cognitocreds.daemon.session.ProfileStatus;
import dev.cognitocreds.daemon.session.ServedPassword;
import dev.cognitocreds.daemon.session.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes over real loopback HTTP, with the session layer faked. */
class ApiServerTest {

  private static final String TOKEN = "t0ken-t0ken-t0ken-t0ken-t0ken-t0ken-t0ken";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AwsCredentials CREDENTIALS =
      new AwsCredentials(
          "ASIAEXAMPLE",
          "secret",
          "session",
          Instant.parse("2026-11-30T08:00:00.123Z"),
          Optional.of("111122223333"));

  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeSessions sessions = new FakeSessions();
  private ApiServer server;

  @BeforeEach
  void start() {
    server = ApiServer.start(0, TOKEN, sessions, "0.1.0", Path.of("/home/u/.aws/config"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    HttpResponse<String> response = get("/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void missingTokenIs401AndWrongTokenIs403() throws Exception {
    HttpResponse<String> missing = get("/v1/status");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("code").asText()).isEqualTo("MissingToken");

    HttpResponse<String> wrong = get("/v1/status", "Authorization", TOKEN + "x");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(json(wrong).get("code").asText()).isEqualTo("BadToken");
    assertThat(sessions.statusCalls).as("never reached the sessions").isZero();
  }

  @Test
  void browserOriginIsRefusedEvenWithTheToken() throws Exception {
    HttpResponse<String> response =
        get(
            "/v1/profiles/acme/credentials",
            "Authorization",
            TOKEN,
            "Origin",
            "https://evil.example");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("code").asText()).isEqualTo("ForbiddenOrigin");
  }

  @Test
  void foreignHostIsRefused() throws Exception {
    String raw = rawGet("evil.example:" + server.port());
    assertThat(raw)
        .startsWith("HTTP/1.1 403")
        .contains("\"code\":\"ForbiddenHost\"")
        .doesNotContain("ASIAEXAMPLE");
    assertThat(rawGet("localhost:" + server.port())).startsWith("HTTP/1.1 200");
  }

  /** java.net.http will not let a test forge Host, so this request is written by hand. */
  private String rawGet(String host) throws Exception {
    return raw(
        "GET /v1/profiles/acme/credentials HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: "
            + TOKEN
            + "\r\nConnection: close\r\n\r\n");
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void textAClientSendsNeverReachesTheLog() throws Exception {
    String marker = "INJECTED-" + System.nanoTime();
    List<String> requests =
        List.of(
            "GET /healthz HTTP/1.1\r\nHost: " + marker + ":notaport\r\n",
            "GET /healthz HTTP/1.1\r\nHost: [" + marker + "\r\n",
            "GET /healthz HTTP/1.1\r\nHost: " + marker + " x y\r\n",
            "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: " + marker + "\r\n",
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + marker + "\u007f\r\n",
            "GET /" + marker + "/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            "GET http://" + marker + "@127.0.0.1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            "GET /healthz HTTP/" + marker + "\r\nHost: 127.0.0.1\r\n");
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      for (String request : requests) {
        assertThat(raw(request + "Connection: close\r\n\r\n")).matches("(?s)HTTP/1.1 [45].*");
      }
    } finally {
      System.setErr(stderr);
    }

    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(marker);
  }

  @Test
  void credentialsInBothFormats() throws Exception {
    JsonNode container = json(get("/v1/profiles/acme/credentials", "Authorization", TOKEN));
    assertThat(container)
        .isEqualTo(
            JSON.readTree(
                """
                {"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","Token":"session",
                 "Expiration":"2026-11-30T08:00:00Z","AccountId":"111122223333"}"""));

    JsonNode process = json(get("/v1/profiles/acme/credential-process", "Authorization", TOKEN));
    assertThat(process)
        .isEqualTo(
            JSON.readTree(
                """
                {"Version":1,"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","SessionToken":"session",
                 "Expiration":"2026-11-30T08:00:00Z"}"""));

    assertThat(json(get("/v1/credentials", "Authorization", TOKEN)).get("AccessKeyId").asText())
        .isEqualTo("ASIAEXAMPLE");
    assertThat(sessions.lastProfile.get()).isEqualTo("acme");
  }

  @Test
  void failuresBecomeStatusCodesWithJsonBodies() throws Exception {
    sessions.failure = Failure.signedOut("acme");
    HttpResponse<String> signedOut = get("/v1/profiles/acme/credentials", "Authorization", TOKEN);
    assertThat(signedOut.statusCode()).isEqualTo(409);
    assertThat(json(signedOut))
        .isEqualTo(
            JSON.readTree(
                "{\"code\":\"SignedOut\",\"message\":\"profile acme is signed out: run `cognito-creds login --profile acme`\"}"));

    sessions.failure =
        new Failure(Failure.Kind.UPSTREAM_UNAVAILABLE, "UpstreamUnavailable", "down");
    assertThat(get("/v1/profiles/acme/credentials", "Authorization", TOKEN).statusCode())
        .isEqualTo(503);
    sessions.failure = new Failure(Failure.Kind.INVALID_PROFILE, "InvalidProfile", "bad key");
    assertThat(get("/v1/profiles/acme/credentials", "Authorization", TOKEN).statusCode())
        .isEqualTo(422);
    sessions.failure = Failure.profileNotFound("no profile zz");
    assertThat(get("/v1/profiles/zz/credentials", "Authorization", TOKEN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void credentialRoutesMatchExactlyAndDecodeTheProfile() throws Exception {
    assertThat(get("/v1/profiles/my%20profile/credentials", "Authorization", TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(sessions.lastProfile.get()).isEqualTo("my profile");

    HttpResponse<String> deeper =
        get("/v1/profiles/acme/extra/credentials", "Authorization", TOKEN);
    assertThat(deeper.statusCode()).isEqualTo(404);
    assertThat(json(deeper).get("code").asText()).isEqualTo("NotFound");
    assertThat(post("/v1/profiles/acme/credentials", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aProfileNamedWithASlashAndASpaceIsServedOnEveryRoute() throws Exception {
    HttpResponse<String> container =
        get("/v1/profiles/team%2Fdev%20x/credentials", "Authorization", TOKEN);
    assertThat(container.statusCode()).as(container.body()).isEqualTo(200);
    assertThat(sessions.lastProfile.get()).isEqualTo("team/dev x");

    assertThat(
            get("/v1/profiles/team%2Fdev/credential-process", "Authorization", TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(json(post("/v1/profiles/team%2Fdev/logout", "")).get("profile").asText())
        .isEqualTo("team/dev");
  }

  @Test
  void oneTrailingSlashIsIgnoredOnTheCredentialRoutesAsOnTheOthers() throws Exception {
    assertThat(get("/v1/credentials/", "Authorization", TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/v1/profiles/acme/credentials/", "Authorization", TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(get("/v1/profiles/acme/credential-process/", "Authorization", TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(get("/v1/status/", "Authorization", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void whatJettyRefusesBeforeAnyRouteIsAJsonErrorThatQuotesNothing() throws Exception {
    String raw =
        raw(
            "GET /v1/profiles/%zzsecret/credentials HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port()
                + "\r\nAuthorization: "
                + TOKEN
                + "\r\nConnection: close\r\n\r\n");

    assertThat(raw)
        .startsWith("HTTP/1.1 400")
        .contains("Content-Type: application/json")
        .contains("\"code\":\"BadRequest\"")
        .doesNotContain("<html")
        .doesNotContain("secret");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413LikeOneWithALength() throws Exception {
    byte[] big = new byte[ApiHandler.MAX_BODY_BYTES + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v1/profiles/acme/login"))
                .header("Authorization", TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> withLength =
        post("/v1/profiles/acme/login", new String(big, StandardCharsets.US_ASCII));

    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(json(chunked).get("code").asText()).isEqualTo("RequestTooLarge");
    assertThat(withLength.statusCode()).isEqualTo(413);
  }

  @Test
  void credentialsAtHandAreServedWithoutAskingTheWaitingPath() throws Exception {
    sessions.atHand = CREDENTIALS;
    sessions.failure = Failure.signedOut("acme"); // what the waiting path would say

    HttpResponse<String> response = get("/v1/profiles/acme/credentials", "Authorization", TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("AccessKeyId").asText()).isEqualTo("ASIAEXAMPLE");
    assertThat(sessions.lastProfile.get()).as("credentials(profile) never called").isNull();
    assertThat(sessions.lastAtHandProfile.get()).isEqualTo("acme");
  }

  @Test
  void aRegistryPasswordAtHandIsServedWithoutAskingTheWaitingPath() throws Exception {
    String ecr = "111122223333.dkr.ecr.us-east-2.amazonaws.com";
    sessions.registryAtHand =
        new ServedPassword(
            RegistryHost.parse(ecr).orElseThrow(),
            "acme",
            new RegistryPassword("AWS", "at-hand", Instant.parse("2026-11-30T19:00:00Z")));
    sessions.failure = Failure.signedOut("acme"); // what the waiting path would say

    HttpResponse<String> response =
        get(
            "/v1/registries/https%3A%2F%2F" + ecr + "/credentials?profile=team%20a",
            "Authorization",
            TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            JSON.readTree(
                "{\"ServerURL\":\"" + ecr + "\",\"Username\":\"AWS\",\"Secret\":\"at-hand\"}"));
    assertThat(sessions.lastRegistryAtHand.get()).isEqualTo("https://" + ecr + " as team a");
    assertThat(sessions.lastRegistry.get()).as("registryPassword never called").isNull();
  }

  @Test
  void aRegistryPasswordNotAtHandIsAskedForOnTheWaitingPath() throws Exception {
    sessions.failure = Failure.signedOut("acme");

    HttpResponse<String> response =
        get("/v1/registries/public.ecr.aws/credentials", "Authorization", TOKEN);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("profile acme is signed out");
    assertThat(sessions.lastRegistryAtHand.get()).isEqualTo("public.ecr.aws as -");
    assertThat(sessions.lastRegistry.get()).isEqualTo("public.ecr.aws");
  }

  @Test
  void unexpectedErrorsAre500WithoutDetails() throws Exception {
    sessions.unexpected = new IllegalStateException("internal detail");
    HttpResponse<String> response = get("/v1/profiles/acme/credentials", "Authorization", TOKEN);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).get("code").asText()).isEqualTo("InternalError");
    assertThat(response.body()).doesNotContain("internal detail");
  }

  @Test
  void unknownRouteIs404InTheSameShape() throws Exception {
    HttpResponse<String> response = get("/v1/nothing", "Authorization", TOKEN);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asText()).isEqualTo("NotFound");
    assertThat(json(response).has("message")).isTrue();
  }

  @Test
  void loginStartsAndContinuesTheConversation() throws Exception {
    HttpResponse<String> started =
        post(
            "/v1/profiles/acme/login/USER_PASSWORD_AUTH",
            "{\"username\":\"alice\",\"password\":\"Passw0rd!\"}");
    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(json(started))
        .isEqualTo(
            JSON.readTree(
                """
                {"status":"CHALLENGE","profile":"acme","conversation":"c1","challenge":"NEW_PASSWORD_REQUIRED",
                 "message":"Replace it.","expiresAt":"2026-11-30T07:40:00Z",
                 "fields":[{"name":"NEW_PASSWORD","label":"New password","secret":true,"confirm":true},
                           {"name":"userAttributes.name","label":"Full name","secret":false}],
                 "parameters":{}}"""));
    assertThat(sessions.lastFlow.get()).contains(AuthFlow.USER_PASSWORD_AUTH);

    HttpResponse<String> answered =
        post(
            "/v1/profiles/acme/login",
            "{\"conversation\":\"c1\",\"answers\":{\"NEW_PASSWORD\":\"N3w!\"}}");
    assertThat(json(answered))
        .isEqualTo(
            JSON.readTree(
                """
                {"status":"SIGNED_IN","profile":"acme","username":"alice","identityId":"us-east-2:1",
                 "expiration":"2026-11-30T08:00:00Z"}"""));
    assertThat(sessions.lastAnswers.get()).containsEntry("NEW_PASSWORD", "N3w!");
  }

  @Test
  void malformedLoginBodyIs400WithoutEchoingIt() throws Exception {
    HttpResponse<String> response = post("/v1/profiles/acme/login", "{\"password\":\"hunter2");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("hunter2");
    assertThat(post("/v1/profiles/acme/login/PLAIN", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void logoutAndStatus() throws Exception {
    assertThat(json(post("/v1/profiles/acme/logout", "")))
        .isEqualTo(
            JSON.readTree("{\"status\":\"SIGNED_OUT\",\"profile\":\"acme\",\"revoked\":true}"));
    JsonNode status = json(get("/v1/status", "Authorization", TOKEN));
    assertThat(status.get("port").asInt()).isEqualTo(server.port());
    assertThat(status.get("configFile").asText()).isEqualTo("/home/u/.aws/config");
    assertThat(status.get("profiles").get(0).get("state").asText()).isEqualTo("INVALID");
    assertThat(status.get("profiles").get(0).get("problems").get(0).asText()).isEqualTo("bad key");
  }

  private static final class FakeSessions implements Sessions {
    volatile Failure failure;
    volatile RuntimeException unexpected;
    volatile int statusCalls;
    volatile AwsCredentials atHand;
    volatile ServedPassword registryAtHand;
    final AtomicReference<String> lastRegistryAtHand = new AtomicReference<>();
    final AtomicReference<String> lastRegistry = new AtomicReference<>();
    final AtomicReference<String> lastProfile = new AtomicReference<>();
    final AtomicReference<String> lastAtHandProfile = new AtomicReference<>();
    final AtomicReference<Optional<AuthFlow>> lastFlow = new AtomicReference<>();
    final AtomicReference<Map<String, String>> lastAnswers = new AtomicReference<>();

    @Override
    public String defaultProfile() {
      return "acme";
    }

    @Override
    public Optional<AwsCredentials> credentialsWithoutWaiting(String profile) {
      lastAtHandProfile.set(profile);
      return Optional.ofNullable(atHand);
    }

    @Override
    public Optional<ServedPassword> registryPasswordWithoutWaiting(
        String serverUrl, Optional<String> callerProfile) {
      lastRegistryAtHand.set(serverUrl + " as " + callerProfile.orElse("-"));
      return Optional.ofNullable(registryAtHand);
    }

    @Override
    public ServedPassword registryPassword(String serverUrl, Optional<String> callerProfile) {
      lastRegistry.set(serverUrl);
      if (failure != null) {
        throw failure;
      }
      throw new IllegalStateException("no registry here");
    }

    @Override
    public AwsCredentials credentials(String profile) {
      lastProfile.set(profile);
      if (failure != null) {
        throw failure;
      }
      if (unexpected != null) {
        throw unexpected;
      }
      return CREDENTIALS;
    }

    @Override
    public LoginOutcome login(
        String profile, Optional<AuthFlow> flow, String username, String password) {
      lastFlow.set(flow);
      return new LoginOutcome.ChallengeAsked(
          profile,
          "c1",
          new Challenge(
              "NEW_PASSWORD_REQUIRED",
              "Replace it.",
              List.of(
                  new ChallengeField("NEW_PASSWORD", "New password", true, true, List.of()),
                  new ChallengeField("userAttributes.name", "Full name", false, false, List.of())),
              Map.of()),
          Instant.parse("2026-11-30T07:40:00Z"));
    }

    @Override
    public LoginOutcome answer(String profile, String conversation, Map<String, String> answers) {
      lastAnswers.set(answers);
      return new LoginOutcome.SignedIn(profile, "alice", "us-east-2:1", CREDENTIALS.expiration());
    }

    @Override
    public boolean logout(String profile, boolean everywhere) {
      return true;
    }

    @Override
    public List<ProfileStatus> status() {
      statusCalls++;
      return List.of(
          new ProfileStatus(
              "broken",
              ProfileStatus.State.INVALID,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "file",
              List.of("bad key"),
              List.of()));
    }
  }
}

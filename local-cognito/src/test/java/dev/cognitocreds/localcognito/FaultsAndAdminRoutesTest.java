package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

class FaultsAndAdminRoutesTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;

  @BeforeAll
  static void start() {
    cognito =
        LocalCognito.builder()
            .seed(TestSeeds.seed())
            .clock(CLOCK)
            .faultRandom(new Random(7))
            .start();
    idp = Sdk.userPools(cognito.endpoint());
  }

  @AfterAll
  static void stop() {
    idp.close();
    cognito.close();
  }

  @AfterEach
  void clearFaults() {
    cognito.faults().clear();
    cognito.calls().reset();
  }

  @Test
  void throttlingAnswersTooManyRequests() {
    cognito.faults().set("InitiateAuth", Fault.throttle(1.0));

    assertThatThrownBy(this::signIn)
        .isInstanceOf(TooManyRequestsException.class)
        .hasMessageStartingWith("Rate exceeded");
    assertThat(idp.describeUserPool(r -> r.userPoolId(TestSeeds.POOL)).userPool())
        .as("other operations")
        .isNotNull();
  }

  @Test
  void serverErrorsAreHttp500() {
    cognito.faults().set("InitiateAuth", Fault.serverError(1.0));

    assertThatThrownBy(this::signIn)
        .isInstanceOfSatisfying(
            CognitoIdentityProviderException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @Test
  void droppedConnectionsReachTheClientAsIoFailures() {
    cognito.faults().set("InitiateAuth", Fault.drop(1.0));

    assertThatThrownBy(this::signIn).isInstanceOf(SdkClientException.class);
    assertThat(cognito.calls().count("InitiateAuth")).isEqualTo(1);
  }

  @Test
  void outageOnAllOperationsEndsAfterItsWindow() {
    cognito.faults().set("*", Fault.outage(Duration.ofSeconds(30)));
    assertThatThrownBy(this::signIn).isInstanceOf(SdkClientException.class);

    CLOCK.advance(Duration.ofSeconds(31));
    assertThat(signIn()).isNotBlank();
  }

  @Test
  void partialThrottleRateFailsSomeCallsOnly() {
    cognito.faults().set("InitiateAuth", Fault.throttle(0.5));
    int failures = 0;
    for (int i = 0; i < 20; i++) {
      try {
        signIn();
      } catch (TooManyRequestsException e) {
        failures++;
      }
    }
    assertThat(failures).isBetween(1, 19);
  }

  @Test
  void adminRoutesSetFaultsCountCallsAndShowTheOutbox() throws Exception {
    assertThat(send("GET", "/_local/health", null).body()).isEqualTo("{\"status\":\"ok\"}");

    assertThat(send("PUT", "/_local/faults/InitiateAuth", "{\"throttleRate\":1.0}").statusCode())
        .isEqualTo(204);
    assertThatThrownBy(this::signIn).isInstanceOf(TooManyRequestsException.class);
    assertThat(send("DELETE", "/_local/faults", null).statusCode()).isEqualTo(204);
    signIn();

    JsonNode calls = Json.MAPPER.readTree(send("GET", "/_local/calls", null).body());
    assertThat(calls.path("InitiateAuth").asInt()).isEqualTo(2);
    send("DELETE", "/_local/calls", null);
    assertThat(Json.MAPPER.readTree(send("GET", "/_local/calls", null).body()).size()).isZero();

    idp.forgotPassword(r -> r.clientId(PUBLIC_CLIENT).username("alice"));
    JsonNode outbox =
        Json.MAPPER.readTree(send("GET", "/_local/outbox?username=alice", null).body());
    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0).path("medium").asText()).isEqualTo("EMAIL");
    assertThat(outbox.get(0).path("destination").asText()).isEqualTo("alice@example.com");
    assertThat(outbox.get(0).path("code").asText()).matches("\\d{6}");
    assertThat(outbox.get(0).path("purpose").asText()).isEqualTo("FORGOT_PASSWORD");
  }

  @Test
  void unknownTargetIsAnUnknownOperationInCognitosErrorShape() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(cognito.endpoint())
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.NoSuchThing")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(response.body()).path("__type").asText())
        .isEqualTo("UnknownOperationException");
  }

  @Test
  void aHangingOperationHoldsItsCallsUntilTheFaultIsClearedThenAnswersThem() throws Exception {
    cognito.faults().set("InitiateAuth", Fault.hangUntilCleared());
    java.util.concurrent.CompletableFuture<String> held =
        java.util.concurrent.CompletableFuture.supplyAsync(this::signIn);
    for (int i = 0; i < 100 && cognito.calls().count("InitiateAuth") == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(cognito.calls().count("InitiateAuth")).isEqualTo(1);
    Thread.sleep(300);
    assertThat(held).as("held while the fault hangs").isNotDone();
    assertThat(idp.describeUserPool(r -> r.userPoolId(TestSeeds.POOL)).userPool())
        .as("other operations")
        .isNotNull();

    cognito.faults().clear();
    assertThat(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
  }

  @Test
  void hangIsSetThroughTheAdminRouteToo() throws Exception {
    assertThat(send("PUT", "/_local/faults/InitiateAuth", "{\"hang\":true}").statusCode())
        .isEqualTo(204);
    java.util.concurrent.CompletableFuture<String> held =
        java.util.concurrent.CompletableFuture.supplyAsync(this::signIn);
    Thread.sleep(500);
    assertThat(held).isNotDone();
    send("DELETE", "/_local/faults", null);
    assertThat(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
  }

  @Test
  void answersCarryADateHeaderFromTheInjectedClock() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(cognito.endpoint())
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.NoSuchThing")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.headers().allValues("Date")).hasSize(1);
    java.time.Instant date =
        java.time.ZonedDateTime.parse(
                response.headers().firstValue("Date").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
    assertThat(Duration.between(CLOCK.instant(), date).abs()).isLessThan(Duration.ofSeconds(2));
  }

  private String signIn() {
    return SignIn.tokens(idp, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").idToken();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cognito.endpoint() + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.account.Accounts;
import dev.cognitocreds.daemon.account.CodeDelivery;
import dev.cognitocreds.daemon.account.SignUpResult;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.session.LoginOutcome;
import dev.cognitocreds.daemon.session.ProfileStatus;
import dev.cognitocreds.daemon.session.Sessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account routes over loopback HTTP with the chores faked: bodies in, answers and status codes
 * out.
 */
class AccountRoutesTest {

  private static final String TOKEN = "t0ken-t0ken-t0ken-t0ken-t0ken-t0ken-t0ken";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CodeDelivery BY_EMAIL = new CodeDelivery("b***@e***", "EMAIL", "email");

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile SignUpResult signUpResult = new SignUpResult.ConfirmationSent(BY_EMAIL);
  private volatile Failure failure;
  private ApiServer server;

  private final Accounts accounts =
      new Accounts() {
        @Override
        public SignUpResult signUp(
            String profile, String username, String password, Map<String, String> attributes) {
          calls.add("signUp " + profile + " " + username + " " + password + " " + attributes);
          return signUpResult;
        }

        @Override
        public void confirmSignUp(String profile, String username, String code) {
          calls.add("confirmSignUp " + username + " " + code);
          if (failure != null) {
            throw failure;
          }
        }

        @Override
        public CodeDelivery resendConfirmationCode(String profile, String username) {
          calls.add("resend " + username);
          return BY_EMAIL;
        }

        @Override
        public CodeDelivery forgotPassword(String profile, String username) {
          calls.add("forgotPassword " + username);
          return new CodeDelivery("+*******1234", "SMS", "phone_number");
        }

        @Override
        public void confirmForgotPassword(
            String profile, String username, String code, String newPassword) {
          calls.add("confirmForgotPassword " + username + " " + code + " " + newPassword);
        }

        @Override
        public void changePassword(String profile, String oldPassword, String newPassword) {
          calls.add("changePassword " + profile + " " + oldPassword + " " + newPassword);
          if (failure != null) {
            throw failure;
          }
        }
      };

  @BeforeEach
  void start() {
    server =
        ApiServer.start(
            0, TOKEN, new NoSessions(), accounts, "0.1.0", Path.of("/home/u/.aws/config"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signUpAnswersWhereTheCodeWentAndTheFieldToAsk() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/profiles/acme/signup",
            "{\"username\":\"bob\",\"password\":\"Bob#Pass12\",\"attributes\":{\"email\":\"bob@example.com\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                """
                {"status":"CONFIRMATION_REQUIRED","profile":"acme","username":"bob",
                 "message":"Enter the code sent by e-mail to b***@e*** to confirm the account.",
                 "delivery":{"destination":"b***@e***","medium":"EMAIL","attribute":"email"},
                 "fields":[{"name":"CONFIRMATION_CODE","label":"Code","secret":true}]}"""));
    assertThat(calls).containsExactly("signUp acme bob Bob#Pass12 {email=bob@example.com}");
  }

  @Test
  void signUpMissingAttributesAreFieldsToAsk() throws Exception {
    signUpResult =
        new SignUpResult.AttributesRequired(
            List.of(new ChallengeField("given_name", "Given name", false, false, List.of())));

    JsonNode answer =
        JSON.readTree(
            post("/v1/profiles/acme/signup", "{\"username\":\"bob\",\"password\":\"p\"}").body());

    assertThat(answer.path("status").asText()).isEqualTo("ATTRIBUTES_REQUIRED");
    assertThat(answer.path("fields").get(0).path("name").asText()).isEqualTo("given_name");
    assertThat(answer.path("fields").get(0).path("label").asText()).isEqualTo("Given name");
  }

  @Test
  void confirmResendResetAndChangeEachCallTheirChore() throws Exception {
    assertThat(
            JSON.readTree(
                    post(
                            "/v1/profiles/acme/signup/confirm",
                            "{\"username\":\"bob\",\"code\":\"123456\"}")
                        .body())
                .path("status")
                .asText())
        .isEqualTo("CONFIRMED");
    assertThat(
            JSON.readTree(post("/v1/profiles/acme/signup/resend", "{\"username\":\"bob\"}").body())
                .path("status")
                .asText())
        .isEqualTo("CONFIRMATION_REQUIRED");
    JsonNode reset =
        JSON.readTree(post("/v1/profiles/acme/password-reset", "{\"username\":\"bob\"}").body());
    assertThat(reset.path("status").asText()).isEqualTo("CODE_SENT");
    assertThat(reset.path("message").asText()).contains("by SMS to +*******1234");
    assertThat(reset.path("fields"))
        .extracting(field -> field.path("name").asText())
        .containsExactly("CONFIRMATION_CODE", "NEW_PASSWORD");
    assertThat(reset.path("fields").get(1).path("confirm").asBoolean()).isTrue();
    assertThat(
            JSON.readTree(
                    post(
                            "/v1/profiles/acme/password-reset/confirm",
                            "{\"username\":\"bob\",\"code\":\"654321\",\"newPassword\":\"New#Pass1\"}")
                        .body())
                .path("status")
                .asText())
        .isEqualTo("PASSWORD_RESET");
    assertThat(
            JSON.readTree(
                post(
                        "/v1/profiles/acme/password",
                        "{\"oldPassword\":\"Old#Pass1\",\"newPassword\":\"New#Pass1\"}")
                    .body()))
        .isEqualTo(JSON.readTree("{\"status\":\"PASSWORD_CHANGED\",\"profile\":\"acme\"}"));

    assertThat(calls)
        .containsExactly(
            "confirmSignUp bob 123456",
            "resend bob",
            "forgotPassword bob",
            "confirmForgotPassword bob 654321 New#Pass1",
            "changePassword acme Old#Pass1 New#Pass1");
  }

  @Test
  void refusalsKeepTheirStatusAndAMissingMemberIsABadRequest() throws Exception {
    failure = Failure.signedOut("acme");
    HttpResponse<String> signedOut =
        post("/v1/profiles/acme/password", "{\"oldPassword\":\"a\",\"newPassword\":\"b\"}");
    assertThat(signedOut.statusCode()).isEqualTo(409);

    failure =
        new Failure(
            Failure.Kind.SIGN_IN_REJECTED,
            "CodeMismatchException",
            "that code is not the one sent");
    HttpResponse<String> mismatch =
        post("/v1/profiles/acme/signup/confirm", "{\"username\":\"bob\",\"code\":\"1\"}");
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(mismatch.body()).path("code").asText())
        .isEqualTo("CodeMismatchException");

    HttpResponse<String> missing =
        post("/v1/profiles/acme/password-reset/confirm", "{\"username\":\"bob\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("\"code\"");
  }

  /** The account routes never touch sessions. */
  private static final class NoSessions implements Sessions {
    @Override
    public String defaultProfile() {
      throw new AssertionError();
    }

    @Override
    public AwsCredentials credentials(String profile) {
      throw new AssertionError();
    }

    @Override
    public LoginOutcome login(
        String profile, Optional<AuthFlow> flow, String username, String password) {
      throw new AssertionError();
    }

    @Override
    public LoginOutcome answer(String profile, String conversation, Map<String, String> answers) {
      throw new AssertionError();
    }

    @Override
    public boolean logout(String profile, boolean everywhere) {
      throw new AssertionError();
    }

    @Override
    public List<ProfileStatus> status() {
      throw new AssertionError();
    }
  }
}

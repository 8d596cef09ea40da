package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.IdentityPool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every Cognito call the daemon makes, through the real SDK clients of {@link UpstreamClients},
 * against an endpoint that refuses connections, drops them, or accepts and never answers: each is a
 * 503 {@code UpstreamUnavailable} that says what to do, within the clients' bounded time, never a
 * NullPointerException or another unexpected error.
 */
class UnreachableCognitoTest {

  private final UpstreamClients clients = new UpstreamClients();
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    clients.close();
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  private static CognitoProfile profileAt(int port) {
    return CognitoProfile.builder("acme")
        .region("us-east-2")
        .userPoolId("us-east-2_Pool1")
        .clientId("client1")
        .clientSecret("app-client-secret")
        .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
        .authFlow(AuthFlow.USER_PASSWORD_AUTH)
        .endpointUrl(URI.create("http://127.0.0.1:" + port))
        .build();
  }

  /** Every operation the daemon calls, by name. */
  private Map<String, ThrowingCallable> everyOperation(CognitoProfile profile) {
    UserPool userPool = new UserPool(clients::userPool, Clock.systemUTC(), new SecureRandom());
    UserPoolTokens tokens = new UserPoolTokens(clients::userPool);
    IdentityPool identityPool = new IdentityPool(clients::identityPool, Clock.systemUTC());
    UserPoolAccounts accounts = new UserPoolAccounts(clients::userPool);
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put(
        "sign-in (password)",
        () -> userPool.start(profile, AuthFlow.USER_PASSWORD_AUTH, "alice", "pw"));
    operations.put(
        "sign-in (SRP)", () -> userPool.start(profile, AuthFlow.USER_SRP_AUTH, "alice", "pw"));
    operations.put("token refresh", () -> tokens.refresh(profile, "refresh", "alice", false));
    operations.put("token refresh (rotating)", () -> tokens.refresh(profile, "r", "alice", true));
    operations.put("RevokeToken", () -> tokens.revoke(profile, "refresh"));
    operations.put("GlobalSignOut", () -> tokens.signOutEverywhere(profile, "access"));
    operations.put("GetId", () -> identityPool.identityId(profile, "id-token"));
    operations.put(
        "GetCredentialsForIdentity",
        () -> identityPool.credentials(profile, "us-east-2:1111", "id-token"));
    operations.put("SignUp", () -> accounts.signUp(profile, "alice", "pw", Map.of()));
    operations.put("ConfirmSignUp", () -> accounts.confirmSignUp(profile, "alice", "123456"));
    operations.put("ResendConfirmationCode", () -> accounts.resendConfirmationCode(profile, "a"));
    operations.put("ForgotPassword", () -> accounts.forgotPassword(profile, "alice"));
    operations.put(
        "ConfirmForgotPassword", () -> accounts.confirmForgotPassword(profile, "a", "1", "pw"));
    operations.put("ChangePassword", () -> accounts.changePassword(profile, "access", "o", "n"));
    return operations;
  }

  /**
   * Builds and first uses both clients untimed: loading the SDK takes seconds on a busy machine,
   * and what is timed is the failure, not that.
   */
  private static void warmUp(Map<String, ThrowingCallable> operations) {
    for (String operation : List.of("token refresh", "GetId")) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(operations.get(operation)))
          .as("%s without Cognito, untimed", operation)
          .isNotNull();
    }
  }

  private static void assertUnavailable(String operation, ThrowingCallable call, Duration within) {
    long started = System.nanoTime();
    assertThatThrownBy(call)
        .as(operation)
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).as(operation).isEqualTo(Failure.Kind.UPSTREAM_UNAVAILABLE);
              assertThat(failure.code()).as(operation).isEqualTo("UpstreamUnavailable");
              assertThat(failure.getMessage())
                  .as(operation)
                  .contains("Cognito does not answer", "check the network connection")
                  .doesNotContain("NullPointerException", "null:");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(operation).isLessThan(within);
  }

  @Test
  void aRefusedConnectionIsUnavailableForEveryOperation() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Map<String, ThrowingCallable> operations = everyOperation(profileAt(closedPort));
    warmUp(operations);
    operations.forEach(
        (operation, call) -> assertUnavailable(operation, call, Duration.ofSeconds(5)));
  }

  @Test
  void aDroppedConnectionIsUnavailableForEveryOperation() throws IOException {
    ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(dropping);
    Thread acceptor =
        new Thread(
            () -> {
              while (!dropping.isClosed()) {
                try (Socket socket = dropping.accept()) {
                  socket.getInputStream().read(); // the request starts, then the line dies
                } catch (IOException e) {
                  // closed
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    Map<String, ThrowingCallable> operations = everyOperation(profileAt(dropping.getLocalPort()));
    warmUp(operations);
    operations.forEach(
        (operation, call) -> assertUnavailable(operation, call, Duration.ofSeconds(5)));
  }

  @Test
  void aConnectionThatNeverAnswersEndsWithinTheCallTimeout() throws IOException {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(silent);
    List<Socket> held = new ArrayList<>();
    Thread acceptor =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  held.add(silent.accept());
                } catch (IOException e) {
                  // closed
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    Map<String, ThrowingCallable> operations = everyOperation(profileAt(silent.getLocalPort()));
    Duration bound = UpstreamClients.CALL_TIMEOUT.plusSeconds(2);
    for (String operation : List.of("token refresh", "GetId", "GetCredentialsForIdentity")) {
      assertUnavailable(operation, operations.get(operation), bound);
    }
  }
}

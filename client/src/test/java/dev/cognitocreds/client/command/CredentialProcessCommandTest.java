package dev.cognitocreds.client.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.client.testing.ClientRun;
import dev.cognitocreds.client.testing.StubDaemon;
import dev.cognitocreds.client.testing.WithStubDaemon;
import dev.cognitocreds.contract.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialProcessCommandTest extends WithStubDaemon {
  private static final String ROUTE = "/v1/profiles/acme/credential-process";

  @Test
  void printsTheDaemonBodyWithTheToken() {
    daemon.reply("GET", ROUTE, 200, StubDaemon.CREDENTIAL_PROCESS);

    ClientRun.Result result =
        ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(StubDaemon.CREDENTIAL_PROCESS + "\n");
    assertThat(result.err()).isEmpty();
    assertThat(daemon.requests().get(0).headers())
        .containsEntry("authorization", StubDaemon.TOKEN)
        .containsEntry("host", "127.0.0.1:" + daemon.port());
  }

  @ParameterizedTest
  @CsvSource({
    "409, SignedOut, 4",
    "503, UpstreamUnavailable, 6",
    "502, UpstreamError, 6",
    "404, ProfileNotFound, 1",
    "422, InvalidProfile, 2",
    "403, BadToken, 1",
    "403, CredentialsRefused, 7",
  })
  void errorsPrintTheDaemonMessageAndMapToExitCodes(int status, String code, int exitCode) {
    daemon.reply(
        "GET",
        ROUTE,
        status,
        "{\"code\":\"" + code + "\",\"message\":\"what to do about " + code + "\"}");

    ClientRun.Result result =
        ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).isEqualTo(exitCode);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("what to do about " + code + System.lineSeparator());
  }

  @Test
  void bodyWithoutJsonStillGivesAMessage() {
    daemon.reply("GET", ROUTE, 500, "oops");

    ClientRun.Result result =
        ClientRun.run(daemon.env(), "credential-process", "--profile", "acme");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(result.err()).contains("cognito-credsd answered HTTP 500");
  }

  @Test
  void profileNameIsOnePathSegment() {
    daemon.reply(
        "GET", "/v1/profiles/a%20b%2Fc/credential-process", 200, StubDaemon.CREDENTIAL_PROCESS);

    ClientRun.Result result =
        ClientRun.run(daemon.env(), "credential-process", "--profile", "a b/c");

    assertThat(result.exitCode()).as(result.err()).isZero();
  }
}

package dev.cognitocreds.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {
  @ParameterizedTest
  @CsvSource({
    "409, SignedOut, 4",
    "401, NotAuthorizedException, 5",
    "401, MissingToken, 1",
    "400, CodeMismatchException, 5",
    "410, ConversationExpired, 5",
    "403, CredentialsRefused, 7",
    "403, BadToken, 1",
    "403, ForbiddenHost, 1",
    "503, UpstreamUnavailable, 6",
    "502, UpstreamError, 6",
    "404, ProfileNotFound, 1",
    "422, InvalidProfile, 2",
    "422, NotConfigured, 2",
    "500, , 1",
  })
  void mapsDaemonErrorsAsTheProtocolSays(int status, String code, int exitCode) {
    assertThat(ExitCodes.forDaemonError(status, code)).isEqualTo(exitCode);
  }
}

package dev.cognitocreds.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The native docker credential helper (docker-helper/, C) carries the contract's names: its
 * contract block is exactly what these definitions give. Its behaviour, message by message, is
 * checked against the bash helper's by e2e's CredentialHelperProtocolTest and
 * CredentialHelperAnswersTest.
 */
class NativeHelperContractTest {

  static final Path SOURCE =
      Path.of("")
          .toAbsolutePath()
          .resolve("../docker-helper/docker-credential-cognito-creds.c")
          .normalize();

  private static String define(String name, String value) {
    return "#define " + name + " \"" + value + "\"\n";
  }

  @Test
  void theContractBlockIsTheContracts() throws IOException {
    String source = Files.readString(SOURCE);
    int start = source.indexOf("/* BEGIN contract");
    int end = source.indexOf("/* END contract */");
    assertThat(start).as("a BEGIN contract comment in %s", SOURCE).isNotNegative();
    assertThat(end).as("an END contract comment in %s", SOURCE).isGreaterThan(start);
    String block = source.substring(source.indexOf("*/\n", start) + 3, end);

    String[] registryRoute = Routes.REGISTRY_CREDENTIALS.split("\\{registry\\}");
    String launchdPrefix =
        DaemonService.START_WITH_LAUNCHD.replace(DaemonService.LAUNCHD_LABEL, "");
    assertThat(DaemonService.START_WITH_LAUNCHD)
        .isEqualTo(launchdPrefix + DaemonService.LAUNCHD_LABEL);
    assertThat(block)
        .isEqualTo(
            define("APP_FOLDER", FileLocations.APP_FOLDER)
                + define("ENDPOINT_FILE", FileLocations.ENDPOINT_FILE)
                + define("AUTH_TOKEN_FILE", FileLocations.AUTH_TOKEN_FILE)
                + define("AUTHORIZATION_HEADER", Routes.AUTHORIZATION_HEADER)
                + define("REGISTRY_ROUTE_PREFIX", registryRoute[0])
                + define("REGISTRY_ROUTE_SUFFIX", registryRoute[1])
                + define("SYSTEMD_UNIT", DaemonService.SYSTEMD_UNIT)
                + define("LAUNCHD_LABEL", DaemonService.LAUNCHD_LABEL)
                + define("START_IN_BACKGROUND", DaemonService.START_IN_BACKGROUND)
                + define("START_WITH_SYSTEMD", DaemonService.START_WITH_SYSTEMD)
                + "#define START_WITH_LAUNCHD \""
                + launchdPrefix
                + "\" LAUNCHD_LABEL\n"
                + "#define SYSTEM_USER_UNIT_DIRS "
                + DaemonService.SYSTEM_USER_UNIT_DIRS.stream()
                    .map(dir -> "\"" + dir + "\"")
                    .collect(Collectors.joining(", "))
                + "\n");
  }

  @Test
  void theStartSentenceIsTheContracts() throws IOException {
    String source = Files.readString(SOURCE);

    assertThat(DaemonService.startSentence("X")).isEqualTo("Start it with `X`.");
    assertThat(source)
        .contains("append(&hint, \"Start it with `\");")
        .contains("append(&hint, \"`.\");");
  }
}

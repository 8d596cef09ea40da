package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.Command;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.TempHome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code bash demo/run.sh}, does what it says and leaves nothing
 * behind.
 */
class DemoScriptTest {

  private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  void theDemoSignsInShowsCredentialsThroughEveryPathAndCleansUp(@TempDir Path tmp)
      throws IOException {
    Map<String, String> environment = TempHome.withoutAwsSettings();
    environment.put("TMPDIR", tmp.toString());
    environment.put("DEMO_SKIP_BUILD", "1");

    CommandResult demo =
        Command.run(List.of("bash", System.getProperty("cognitocreds.demo")), environment, null);

    assertThat(demo.exitCode()).as("%s", demo).isZero();
    assertThat(demo.stdout())
        .contains("\"Version\": 1", "\"AccessKeyId\": \"ASIA")
        .contains("provider: container-role")
        .contains("custom-process")
        .contains("licensed-user", "SIGNED_IN")
        .doesNotContain("TempPassw0rd!");
    assertThat(demo.stdout())
        .as("the browser sign-in through the hosted UI and the Corp provider")
        .contains("your browser would now show Sign in to corp")
        .containsPattern("(?m)^corp +SIGNED_IN +Corp_")
        .doesNotContain("Corp-Passw0rd!");
    assertThat(demo.stdout().lines().filter(line -> line.contains("\"AccessKeyId\": \"ASIA")))
        .as("credentials served for both profiles")
        .hasSize(2);
    assertThat(
            demo.stdout()
                .lines()
                .filter(line -> line.contains("SecretAccessKey") || line.contains("SessionToken")))
        .as("secrets shown only abbreviated")
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("…"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("throwaway home deleted").isEmpty();
    }
    Matcher servers = LOOPBACK_URL.matcher(demo.stdout());
    int found = 0;
    while (servers.find()) {
      found++;
      assertThat(accepts(Integer.parseInt(servers.group(1))))
          .as("%s still listening", servers.group())
          .isFalse();
    }
    assertThat(found)
        .as("local-cognito's, the daemon's and the browser sign-in's callback addresses shown")
        .isGreaterThanOrEqualTo(3);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }
}

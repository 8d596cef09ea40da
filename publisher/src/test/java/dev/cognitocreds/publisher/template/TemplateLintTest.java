package dev.cognitocreds.publisher.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints the template with cfn-lint, the npm package (PyPI, where the Python cfn-lint lives, is not
 * reachable from the build machines). Its resource specification predates many Cognito and IAM
 * properties the template needs; exactly those are accepted below, every other finding fails.
 */
class TemplateLintTest {
  private static final Path LINT = Path.of("src/test/cfn-lint");
  private static final Pattern FINDING =
      Pattern.compile("Resource: (.*)\\R+Message: (.*)", Pattern.MULTILINE);
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  /** "Resource path|message" pairs the linter reports only because its specification is old. */
  private static final Set<String> NEWER_THAN_THE_LINTER =
      Set.of(
          "Resources > UserPoolDomain|Resource UserPoolDomain has an invalid Type of AWS::Cognito::UserPoolDomain.",
          "Resources > UserPool > Properties > EnabledMfas|Fn::If does not allow 0 as a nested function within an array",
          "Resources > UserPool > Properties > UsernameConfiguration|",
          "Resources > UserPool > Properties > AccountRecoverySetting|",
          "Resources > UserPool > Properties > EnabledMfas|",
          "Resources > UserPool > Properties > Policies > PasswordPolicy > TemporaryPasswordValidityDays|",
          "Resources > UserPoolClient > Properties > PreventUserExistenceErrors|",
          "Resources > UserPoolClient > Properties > EnableTokenRevocation|",
          "Resources > UserPoolClient > Properties > IdTokenValidity|",
          "Resources > UserPoolClient > Properties > AccessTokenValidity|",
          "Resources > UserPoolClient > Properties > TokenValidityUnits|",
          "Resources > UserPoolClient > Properties > RefreshTokenRotation|",
          "Resources > UserPoolClient > Properties > AllowedOAuthFlowsUserPoolClient|",
          "Resources > UserPoolClient > Properties > AllowedOAuthFlows|",
          "Resources > UserPoolClient > Properties > AllowedOAuthScopes|",
          "Resources > UserPoolClient > Properties > CallbackURLs|",
          "Resources > UserPoolClient > Properties > SupportedIdentityProviders|",
          "Resources > IdentityPool > Properties > AllowClassicFlow|",
          "Resources > PullRole > Properties > Description|");

  @TempDir Path dir;

  @BeforeAll
  static void install() throws Exception {
    if (!Files.isDirectory(LINT.resolve("node_modules/cfn-lint"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
      assertThat(install.exitCode()).as("npm ci: %s", install.output()).isZero();
    }
  }

  @Test
  void theTemplatePassesCfnLintButForPropertiesNewerThanItsSpecification() throws Exception {
    List<String> findings = lint(SafeSetupTemplate.forRepositories(List.of("acme/app")));

    assertThat(findings).isNotEmpty().allMatch(TemplateLintTest::newerThanTheLinter);
  }

  @Test
  void aMistakeInTheTemplateIsReported() throws Exception {
    ObjectNode broken = SafeSetupTemplate.forRepositories(List.of("acme/app"));
    ((ObjectNode) broken.at("/Resources/IdentityPool/Properties"))
        .put("AllowUnauthenticatedIdentities", "maybe");
    ((ObjectNode) broken.at("/Resources/UserPoolClient/Properties/UserPoolId"))
        .put("Ref", "NoSuchPool");

    assertThat(lint(broken))
        .filteredOn(f -> !newerThanTheLinter(f))
        .anyMatch(f -> f.contains("NoSuchPool"))
        .anyMatch(f -> f.contains("AllowUnauthenticatedIdentities"));
  }

  private List<String> lint(ObjectNode template) throws Exception {
    Path file = dir.resolve("template.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(template));
    Result result =
        run(List.of("node_modules/.bin/cfn-lint", "validate", file.toAbsolutePath().toString()));
    String output = ANSI.matcher(result.output()).replaceAll("");
    List<String> findings = new ArrayList<>();
    Matcher m = FINDING.matcher(output);
    while (m.find()) {
      findings.add(m.group(1).strip() + "|" + m.group(2).strip());
    }
    assertThat(result.exitCode() == 0)
        .as("exit code %d, findings %s: %s", result.exitCode(), findings, output)
        .isEqualTo(findings.isEmpty());
    return findings;
  }

  private static boolean newerThanTheLinter(String finding) {
    if (NEWER_THAN_THE_LINTER.contains(finding)) {
      return true;
    }
    String path = finding.substring(0, finding.indexOf('|'));
    return finding.endsWith(" is not a valid property of " + type(finding))
        && NEWER_THAN_THE_LINTER.contains(path + "|");
  }

  private static String type(String finding) {
    Matcher m = Pattern.compile("is not a valid property of (\\S+)$").matcher(finding);
    return m.find() ? m.group(1) : "?";
  }

  record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 180 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}

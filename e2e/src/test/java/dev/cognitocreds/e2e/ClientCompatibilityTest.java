package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.Command;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.EcrTlsProxy;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.e2e.harness.TestCertificateAuthority;
import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.ecr.RegistryPassword;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility matrix: real AWS clients, each through the profile's {@code credential_process}
 * line and through the variables exactly as {@code cognito-creds env} prints them (evaluated by
 * bash), sign ECR's GetAuthorizationToken to local-cognito, which checks the SigV4 signature
 * against the credentials it issued. The password a client shows must be the one handed to the key
 * the daemon serves, and no client may warn.
 */
class ClientCompatibilityTest {
  private static final String PROFILE = "acme";
  private static final String REGION = DemoPool.REGION;
  private static final String ECR_API_HOST = "api.ecr." + REGION + ".amazonaws.com";
  private static final String REGISTRY =
      DemoPool.ACCOUNT_ID + ".dkr.ecr." + REGION + ".amazonaws.com";
  private static final Path TESTS = Path.of(System.getProperty("cognitocreds.tests", "src/test"));
  private static final Path WORK =
      Path.of(System.getProperty("cognitocreds.compat", "target/compat"));

  /** How a client finds the credentials. */
  enum Way {
    CREDENTIAL_PROCESS,
    ENV
  }

  /** The clients of the matrix (README, "Compatibility"), each asking ECR for a password. */
  enum Client {
    AWS_CLI_V2,
    AWS_CLI_V1,
    BOTO3,
    DEBIAN_BOTOCORE,
    JAVA_SDK_2_20,
    JAVA_SDK_CURRENT,
    JAVASCRIPT_SDK_V3,
    GO_SDK_V1,
    ECR_CREDENTIAL_HELPER
  }

  private static LocalCognitoInstallation fixture;
  private static Installation installation;
  private static LocalCognito cognito;
  private static String printedByEnv;
  private static String printedByEnvTokenFile;
  private static Path emptyConfig;
  private static Path goProgram;
  private static String javaSdk220;
  private static String javaSdkCurrent;
  private static TestCertificateAuthority authority;
  private static EcrTlsProxy proxy;

  @BeforeAll
  static void start() throws IOException {
    fixture =
        LocalCognitoInstallation.start(
            "compat",
            LocalCognito.builder().port(0).demo().start(),
            endpoint -> DemoPool.profile(PROFILE, endpoint).withCredentialProcess().toIni());
    installation = fixture.installation();
    cognito = fixture.cognito();
    fixture.signInDemoUser(PROFILE);
    CommandResult env = installation.cli().run("env", "--profile", PROFILE);
    assertThat(env.exitCode()).as("%s", env).isZero();
    printedByEnv = env.stdout();
    printedByEnvTokenFile =
        installation.cli().run("env", "--profile", PROFILE, "--token-file").stdout();
    emptyConfig = Files.writeString(installation.home().root().resolve("empty-config"), "");
    Files.createDirectories(WORK);
    goProgram = buildGoProgram();
    installJavaScriptSdk();
    javaSdk220 = compileJavaProgram("2.20.0", System.getProperty("cognitocreds.sdk220") + "/*");
    javaSdkCurrent = compileJavaProgram("current", System.getProperty("java.class.path"));
    Path certificates = Files.createTempDirectory(WORK, "ca-");
    authority = TestCertificateAuthority.forHost(certificates, ECR_API_HOST);
    proxy = EcrTlsProxy.start(ECR_API_HOST, authority, cognito.endpoint());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    fixture.close();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Client client : Client.values()) {
      for (Way way : Way.values()) {
        cells.add(Arguments.of(client, way));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("matrix")
  void signsWithTheKeyTheDaemonServes(Client client, Way way) {
    int before = cognito.ecrPasswords().size();

    CommandResult result = run(client, way);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).as("warnings of %s", client).isEmpty();
    List<RegistryPassword> handedOut = cognito.ecrPasswords();
    assertThat(handedOut).as("one signed GetAuthorizationToken").hasSize(before + 1);
    RegistryPassword password = handedOut.get(before);
    assertThat(password.accessKeyId()).isEqualTo(servedAccessKeyId());
    assertThat(passwordShownBy(client, result.stdout())).isEqualTo(password.password());
  }

  /**
   * Why {@code env} exports the token itself: these clients predate the token-file variable, send
   * no token and get no credentials with it alone.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      names = {
        "AWS_CLI_V2",
        "DEBIAN_BOTOCORE",
        "JAVA_SDK_2_20",
        "GO_SDK_V1",
        "ECR_CREDENTIAL_HELPER"
      })
  void clientsOlderThanTheTokenFileVariableGetNothingWithEnvTokenFile(Client client) {
    // the matrix shows each of them working with the token variable: the file variable is the cause
    int before = cognito.ecrPasswords().size();

    CommandResult result = run(client, printedByEnvTokenFile);

    assertThat(result.exitCode()).as("%s", result).isNotZero();
    assertThat(cognito.ecrPasswords()).hasSize(before);
  }

  @Test
  void theJavaScriptSdkWarnsWhenBothTokenVariablesAreSetSoTheCheckAboveCanFail() {
    String bothVariables =
        printedByEnv
            + "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="
            + installation.home().tokenFile()
            + "\n";

    CommandResult result = run(Client.JAVASCRIPT_SDK_V3, bothVariables);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr())
        .contains(
            "you have set both awsContainerAuthorizationToken and"
                + " awsContainerAuthorizationTokenFile");
  }

  private static CommandResult run(Client client, Way way) {
    return run(client, way == Way.ENV ? printedByEnv : null);
  }

  /** With {@code envText} the variables it sets (bash evaluates it), else the profile. */
  private static CommandResult run(Client client, String envText) {
    Map<String, String> environment = installation.home().environment();
    List<String> command = new ArrayList<>();
    if (envText == null) {
      environment.put("AWS_PROFILE", PROFILE);
    } else {
      // no profile at all: only the variables can lead to the daemon
      environment.put("AWS_CONFIG_FILE", emptyConfig.toString());
      command.addAll(List.of("bash", "-c", "eval \"$1\"; shift; exec \"$@\"", "bash", envText));
    }
    String endpoint = cognito.endpoint().toString();
    String stdin = null;
    command.addAll(
        switch (client) {
          case AWS_CLI_V2 -> awsCli(List.of("/usr/bin/aws"), endpoint);
          case AWS_CLI_V1 -> awsCli(List.of("python3", "-m", "awscli"), endpoint);
          case BOTO3 -> python("python3", "boto3", endpoint);
          case DEBIAN_BOTOCORE -> python("/usr/bin/python3", "botocore", endpoint);
          case JAVA_SDK_2_20 -> java(javaSdk220, endpoint);
          case JAVA_SDK_CURRENT -> java(javaSdkCurrent, endpoint);
          case JAVASCRIPT_SDK_V3 ->
              List.of("node", TESTS.resolve("js/ecr-token.mjs").toString(), endpoint, REGION);
          case GO_SDK_V1 -> List.of(goProgram.toString(), endpoint, REGION);
          case ECR_CREDENTIAL_HELPER -> List.of("docker-credential-ecr-login", "get");
        });
    if (client == Client.JAVASCRIPT_SDK_V3) {
      // a notice about this machine's node version, not about credentials: the check for the SDK's
      // warnings about the container variables (console.warn) stays on
      environment.put("AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "true");
    }
    if (client == Client.ECR_CREDENTIAL_HELPER) {
      // it reaches only https://api.ecr.REGION.amazonaws.com: through the proxy, to local-cognito
      environment.put("HTTPS_PROXY", proxy.url());
      environment.put("SSL_CERT_FILE", authority.caFile().toString());
      environment.put("AWS_ECR_DISABLE_CACHE", "true");
      stdin = REGISTRY;
    }
    return Command.run(command, environment, stdin);
  }

  private static List<String> awsCli(List<String> aws, String endpoint) {
    List<String> command = new ArrayList<>(aws);
    command.addAll(
        List.of(
            "ecr",
            "get-authorization-token",
            "--endpoint-url",
            endpoint,
            "--region",
            REGION,
            "--query",
            "authorizationData[0].authorizationToken",
            "--output",
            "text"));
    return command;
  }

  private static List<String> python(String python, String library, String endpoint) {
    return List.of(
        python, TESTS.resolve("python/ecr_token.py").toString(), library, endpoint, REGION);
  }

  private static List<String> java(String classpath, String endpoint) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a short-lived program: C1 only and one GC thread start it sooner on a busy machine
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-cp",
        classpath,
        "EcrToken",
        endpoint,
        REGION);
  }

  /**
   * EcrToken compiled against one version of the SDK; the classpath that runs it with that version.
   */
  private static String compileJavaProgram(String name, String sdkClasspath) throws IOException {
    Path classes = Files.createDirectories(WORK.resolve("classes-" + name));
    CommandResult javac =
        Command.run(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-cp",
                sdkClasspath,
                "-d",
                classes.toString(),
                TESTS.resolve("java-programs/EcrToken.java").toString()),
            System.getenv(),
            null);
    assertThat(javac.exitCode()).as("javac: %s", javac).isZero();
    return classes + File.pathSeparator + sdkClasspath;
  }

  /** The registry password a client printed: its token's second half, or the helper's Secret. */
  private static String passwordShownBy(Client client, String stdout) {
    if (client == Client.ECR_CREDENTIAL_HELPER) {
      assertThat(stdout).contains("\"Username\":\"AWS\"").contains(REGISTRY);
      return stdout.replaceAll("(?s).*\"Secret\":\"([^\"]*)\".*", "$1");
    }
    String token =
        new String(
            Base64.getDecoder().decode(stdout.lines().findFirst().orElseThrow().strip()),
            StandardCharsets.UTF_8);
    assertThat(token).startsWith("AWS:");
    return token.substring("AWS:".length());
  }

  private static String servedAccessKeyId() {
    return installation.daemon().servedCredentials(PROFILE).getString("AccessKeyId");
  }

  /** The pinned JavaScript SDK (package-lock.json), when a clean clone has none yet. */
  private static void installJavaScriptSdk() {
    Path js = TESTS.resolve("js");
    if (!Files.isDirectory(js.resolve("node_modules/@aws-sdk/client-ecr"))) {
      CommandResult install =
          Command.run(
              List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", js.toString()),
              System.getenv(),
              null);
      assertThat(install.exitCode()).as("npm ci: %s", install).isZero();
    }
  }

  /** GOPATH mode on Debian's aws-sdk-go: offline, seconds once the build cache is warm. */
  private static Path buildGoProgram() {
    Path binary = WORK.resolve("ecr-token-go");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("GO111MODULE", "off");
    environment.put("GOPATH", "/usr/share/gocode");
    environment.put("GOPROXY", "off");
    environment.put("GOFLAGS", "");
    CommandResult build =
        Command.run(
            List.of(
                "go",
                "build",
                "-o",
                binary.toString(),
                TESTS.resolve("go/ecr-token.go").toString()),
            environment,
            null);
    assertThat(build.exitCode()).as("go build: %s", build).isZero();
    return binary;
  }
}

package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.e2e.harness.CognitoAdmin;
import dev.cognitocreds.e2e.harness.CommandResult;
import dev.cognitocreds.e2e.harness.CredentialHelper;
import dev.cognitocreds.e2e.harness.Installation;
import dev.cognitocreds.e2e.harness.LicensedUser;
import dev.cognitocreds.e2e.harness.MotoServer;
import dev.cognitocreds.e2e.harness.PublisherCli;
import dev.cognitocreds.e2e.harness.TemplateDeployment;
import dev.cognitocreds.localcognito.LocalCognito;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The publisher's side end to end: the template's resources created through the APIs (Cognito at
 * local-cognito, IAM and ECR at moto), `check` on the result and on each unsafe variant, `users
 * import`, `onboarding` read by the user's `configure`, and a licence revoked and granted while the
 * user's daemon runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublisherTest {

  private static final String REGION = "us-east-2";
  private static final String PROFILE = "acme";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger STACKS = new AtomicInteger();

  private static MotoServer moto;
  private static LocalCognito cognito;
  private static Installation user;
  private static PublisherCli publisher;
  private static ObjectNode template;
  private static Map<String, String> setup;
  private static LicensedUser alice;

  @BeforeAll
  static void start() {
    moto = MotoServer.start();
    // short lifetimes, so the daemon renews its ID token and credentials within seconds
    cognito = LocalCognito.builder().port(0).credentialLifetime(Duration.ofSeconds(4)).start();
    user = Installation.start("publisher", "");
    publisher = new PublisherCli(user.home(), moto.endpoint(), REGION);
    try (EcrClient ecr = ecr()) {
      ecr.createRepository(r -> r.repositoryName("acme/app"));
    }
    CommandResult printed = publisher.run("template", "--repository", "acme/app");
    assertThat(printed.exitCode()).as(printed.toString()).isZero();
    template = (ObjectNode) json(printed.stdout());
    ObjectNode shortTokens = template.deepCopy();
    ObjectNode client = (ObjectNode) shortTokens.at("/Resources/UserPoolClient/Properties");
    client.put("IdTokenValidity", 8).put("AccessTokenValidity", 8);
    ((ObjectNode) client.path("TokenValidityUnits"))
        .put("IdToken", "seconds")
        .put("AccessToken", "seconds");
    setup = deploy(shortTokens);
  }

  @AfterAll
  static void stop() {
    if (user != null) {
      user.close();
    }
    if (cognito != null) {
      cognito.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  @Order(1)
  void theTemplatesSetupChecksClean() {
    CommandResult check = check(setup);

    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(json(check.stdout()).path("findings")).as(check.stdout()).isEmpty();
  }

  @Test
  @Order(2)
  void checkNamesEachUnsafeVariant() {
    assertUnsafe(t -> writeAttributes(t).add("custom:isLicensed"), "licence-attribute-writable");
    assertUnsafe(t -> ((ObjectNode) trustCondition(t)).remove("StringEquals"), "role-trust-no-aud");
    assertUnsafe(
        t -> ((ObjectNode) trustCondition(t)).remove("ForAnyValue:StringLike"),
        "role-trust-no-amr");
    assertUnsafe(
        t ->
            ((ObjectNode) t.at("/Resources/IdentityPool/Properties")).put("AllowClassicFlow", true),
        "classic-flow-on");
    assertUnsafe(
        t ->
            ((ObjectNode) t.at("/Resources/UserPoolClient/Properties")).put("GenerateSecret", true),
        "client-secret");
    assertUnsafe(
        t -> ((ObjectNode) pullStatement(t)).putArray("Action").add("ecr:*"),
        "pull-role-wildcard-action");
    assertUnsafe(
        t -> ((ObjectNode) pullStatement(t)).put("Resource", "*"), "pull-role-all-repositories");
    assertUnsafe(
        t -> {
          ObjectNode broad = t.at("/Resources/PullRole").deepCopy();
          ((ObjectNode) broad.path("Properties"))
              .set("RoleName", JSON.createObjectNode().put("Fn::Sub", "${NamePrefix}-broad"));
          ((ObjectNode) broad.at("/Properties/Policies/0/PolicyDocument/Statement/1"))
              .put("Resource", "*")
              .putArray("Action")
              .add("ecr:*");
          ((ObjectNode) t.path("Resources")).set("BroadRole", broad);
          ObjectNode attachment = (ObjectNode) t.at("/Resources/RoleAttachment/Properties");
          ((ObjectNode) attachment.path("Roles"))
              .set(
                  "authenticated",
                  JSON.createObjectNode()
                      .set("Fn::GetAtt", JSON.createArrayNode().add("BroadRole").add("Arn")));
          ((ObjectNode) attachment.at("/RoleMappings/userPool"))
              .put("AmbiguousRoleResolution", "AuthenticatedRole");
        },
        "ambiguous-role-fallback");
  }

  @Test
  @Order(3)
  void aRepositoryPolicyOpenToEveryoneIsUnsafe() {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"everyone\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";
    try (EcrClient ecr = ecr()) {
      ecr.setRepositoryPolicy(r -> r.repositoryName("acme/app").policyText(policy));
      CommandResult check = check(setup);

      assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
      assertThat(check.stdout()).contains("\"id\" : \"repository-public\"", "acme/app");
    } finally {
      try (EcrClient ecr = ecr()) {
        ecr.deleteRepositoryPolicy(r -> r.repositoryName("acme/app"));
      }
    }
  }

  @Test
  @Order(4)
  void aSetupThatCannotBeReadIsExit3() {
    CommandResult check =
        publisher.run(
            "check",
            "--endpoint-url",
            cognito.endpoint().toString(),
            "--identity-pool-id",
            REGION + ":00000000-0000-4000-8000-000000000000");

    assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
    assertThat(check.stderr()).contains("cannot read the setup", "ResourceNotFoundException");
  }

  @Test
  @Order(5)
  void usersImportReportsEachRowAndIsSafeToRunTwice() throws Exception {
    Path csv = user.home().root().resolve("users.csv");
    Files.writeString(
        csv,
        """
        username,email,licensed,name
        bea,bea@example.com,true,Bea
        cal,cal@example.com,false,Cal
        dot,not-an-address,true,Dot
        eli,eli@example.com,true,Eli
        """);

    CommandResult first = publisher.run(withSetup("users", "import", "--csv", csv.toString()));
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(first.stdout())
        .contains(
            "line 2: bea created (licensed)",
            "line 3: cal created (not licensed)",
            "line 4: dot failed ('not-an-address' is not an e-mail address)",
            "line 5: eli created (licensed)",
            "3 created, 0 unchanged, 1 failed");

    CommandResult again = publisher.run(withSetup("users", "import", "--csv", csv.toString()));
    assertThat(again.stdout())
        .contains("line 2: bea unchanged", "0 created, 3 unchanged, 1 failed");

    CommandResult added =
        publisher.run(withSetup("users", "add", "fay", "--email", "fay@example.com", "--licensed"));
    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(added.stdout()).contains("created fay (licensed)");
    CommandResult addedAgain =
        publisher.run(withSetup("users", "add", "fay", "--email", "fay@example.com"));
    assertThat(addedAgain.exitCode()).as(addedAgain.toString()).isEqualTo(1);
    assertThat(addedAgain.stderr()).contains("user fay already exists: left as it is");

    // the Cognito endpoint through the SDK's own setting this time, not --endpoint-url
    CommandResult list =
        publisher.runWithEnvironment(
            Map.of("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognito.endpoint().toString()),
            "users",
            "list",
            "--json",
            "--user-pool-id",
            setup.get("userPoolId"));
    assertThat(list.exitCode()).as(list.toString()).isZero();
    Map<String, Boolean> licensed = new java.util.HashMap<>();
    json(list.stdout())
        .path("users")
        .forEach(u -> licensed.put(u.path("username").asText(), u.path("licensed").asBoolean()));
    assertThat(licensed)
        .containsEntry("bea", true)
        .containsEntry("cal", false)
        .containsEntry("fay", true)
        .doesNotContainKey("dot");
    JsonNode bea = find(json(list.stdout()).path("users"), "bea");
    assertThat(bea.path("status").asText()).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(bea.path("created").asText()).isNotBlank();
  }

  @Test
  @Order(6)
  void theOnboardingFileConfiguresTheUsersProfile() throws Exception {
    Path file = user.home().root().resolve("onboarding.json");
    CommandResult onboarding =
        publisher.run(withSetup("onboarding", "--profile", PROFILE, "--out", file.toString()));
    assertThat(onboarding.exitCode()).as(onboarding.toString()).isZero();
    JsonNode fields = json(Files.readString(file));
    assertThat(fields.path("userPoolId").asText()).isEqualTo(setup.get("userPoolId"));
    assertThat(fields.path("registry").asText())
        .isEqualTo(TemplateDeployment.ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com");
    assertThat(fields.has("clientSecret")).isFalse();
    assertThat(onboarding.stdout()).contains("cognito-creds configure all --from onboarding.json");

    CommandResult configure = user.cli().run("configure", "profile", "--from", file.toString());
    assertThat(configure.exitCode()).as(configure.toString()).isZero();

    try (CognitoAdmin admin = new CognitoAdmin(cognito.endpoint(), REGION)) {
      alice = LicensedUser.create(admin, setup.get("userPoolId"));
    }
    user.firstSignIn(PROFILE, alice);
    user.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE).then().statusCode(200);
  }

  @Test
  @Order(7)
  void aRevokedLicenceWithKeptSessionsIsRefusedFromTheNextIdTokenAndAGrantWorksWithoutSignIn()
      throws Exception {
    String registry = TemplateDeployment.ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
    CommandResult configure =
        user.cli().run("configure", "docker", "--registry", registry, "--profile", PROFILE);
    assertThat(configure.exitCode()).as(configure.toString()).isZero();
    useLocalEcr();
    Map<String, String> docker = CredentialHelper.clientEnvironment(user.home());
    // the daemon looks at the config file at most once a second
    await("the helper's first get")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> CredentialHelper.run(docker, "get", registry).exitCode() == 0);
    assertThat(cognito.calls().count("GetAuthorizationToken")).isEqualTo(1);

    CommandResult revoke =
        publisher.run(withSetup("license", "revoke", alice.username(), "--keep-sessions"));
    assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    assertThat(revoke.stdout())
        .contains("(still signed in)", "access can last until", "ID token issued before now");

    awaitStatus(403, 200);
    user.daemon()
        .request()
        .get("/v1/profiles/{p}/credentials", PROFILE)
        .then()
        .statusCode(403)
        .body("code", org.hamcrest.Matchers.equalTo("CredentialsRefused"))
        .body(
            "message",
            org.hamcrest.Matchers.equalTo(
                "the publisher's identity pool refused credentials for profile acme (licence revoked"
                    + " or no matching rule); contact the publisher"));
    CommandResult process = user.cli().run("credential-process", "--profile", PROFILE);
    assertThat(process.exitCode()).as(process.toString()).isEqualTo(7);
    assertThat(user.daemon().profileStatus(PROFILE)).containsEntry("state", "REFUSED");
    CommandResult refusedPull = CredentialHelper.run(docker, "get", registry);
    assertThat(refusedPull.exitCode()).as("a password was cached").isNotZero();
    assertThat(refusedPull.stderr())
        .contains("the publisher's identity pool refused credentials for profile acme");
    Instant lastRefusedRequest = Instant.now();
    CommandResult status = user.cli().run("status");
    assertThat(status.stdout()).contains("REFUSED", "contact the publisher");

    cognito.calls().reset();
    CommandResult grant = publisher.run(withSetup("license", "grant", alice.username()));
    assertThat(grant.exitCode()).as(grant.toString()).isZero();
    // while REFUSED a request asks the identity pool again once no request has for 10 s (on the
    // daemon's real clock): the first one after that gets the new answer itself
    Duration untilARequestMayAsk =
        Duration.between(Instant.now(), lastRefusedRequest.plus(Duration.ofMillis(10_500)));
    if (!untilARequestMayAsk.isNegative()) {
      Thread.sleep(untilARequestMayAsk.toMillis());
    }

    CommandResult grantedPull = CredentialHelper.run(docker, "get", registry);
    assertThat(grantedPull.exitCode()).as(grantedPull.toString()).isZero();
    assertThat(cognito.calls().count("GetAuthorizationToken"))
        .as("the password from before the refusal was dropped")
        .isEqualTo(1);
    user.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE).then().statusCode(200);
    assertThat(user.daemon().profileStatus(PROFILE)).containsEntry("state", "SIGNED_IN");
    assertThat(cognito.calls().count("RespondToAuthChallenge")).as("no new sign-in").isZero();
  }

  /** The daemon asks local-cognito's ECR for registry passwords: it knows the credentials. */
  private static void useLocalEcr() throws Exception {
    Path config = user.home().configFile();
    String text = Files.readString(config);
    String section = "[profile " + PROFILE + "]\n";
    assertThat(text).contains(section);
    Files.writeString(
        config,
        text.replace(section, section + "cognito_ecr_endpoint_url = " + cognito.endpoint() + "\n"));
  }

  @Test
  @Order(8)
  void aRevokedLicenceSignsOutAndTheNextSignInIsRefused() {
    CommandResult revoke = publisher.run(withSetup("license", "revoke", alice.username()));
    assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    assertThat(revoke.stdout()).contains("signed the user out everywhere");

    awaitStatus(409, 200);

    CommandResult login = user.cli().login(PROFILE, alice.username(), alice.password());
    assertThat(login.exitCode()).as(login.toString()).isEqualTo(7);
    assertThat(login.stderr()).contains("contact the publisher");
    assertThat(user.daemon().profileStatus(PROFILE)).containsEntry("state", "REFUSED");
  }

  private static EcrClient ecr() {
    return EcrClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void awaitStatus(int wanted, int meanwhile) {
    await("credentials answer " + wanted)
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              int status =
                  user.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE).statusCode();
              assertThat(status).isIn(wanted, meanwhile);
              return status == wanted;
            });
  }

  private static void assertUnsafe(Consumer<ObjectNode> mistake, String id) {
    ObjectNode variant = template.deepCopy();
    mistake.accept(variant);
    Map<String, String> deployed = deploy(variant);
    CommandResult check = check(deployed);

    assertThat(check.exitCode()).as("%s: %s", id, check).isEqualTo(1);
    List<String> unsafe = new ArrayList<>();
    json(check.stdout())
        .path("findings")
        .forEach(
            f -> {
              if (f.path("severity").asText().equals("unsafe")) {
                unsafe.add(f.path("id").asText());
              }
            });
    assertThat(unsafe).as(check.stdout()).contains(id);
  }

  private static Map<String, String> deploy(ObjectNode template) {
    return TemplateDeployment.deploy(
        template,
        cognito.endpoint(),
        moto.endpoint(),
        REGION,
        Map.of("NamePrefix", "stack" + STACKS.incrementAndGet()));
  }

  private static CommandResult check(Map<String, String> deployed) {
    return publisher.run(
        "check",
        "--json",
        "--endpoint-url",
        cognito.endpoint().toString(),
        "--identity-pool-id",
        deployed.get("identityPoolId"));
  }

  private static String[] withSetup(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--endpoint-url",
            cognito.endpoint().toString(),
            "--region",
            REGION,
            "--user-pool-id",
            setup.get("userPoolId"),
            "--client-id",
            setup.get("clientId"),
            "--identity-pool-id",
            setup.get("identityPoolId")));
    return args.toArray(String[]::new);
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode writeAttributes(ObjectNode t) {
    return (com.fasterxml.jackson.databind.node.ArrayNode)
        t.at("/Resources/UserPoolClient/Properties/WriteAttributes");
  }

  private static JsonNode trustCondition(ObjectNode t) {
    return t.at("/Resources/PullRole/Properties/AssumeRolePolicyDocument/Statement/0/Condition");
  }

  private static JsonNode pullStatement(ObjectNode t) {
    return t.at("/Resources/PullRole/Properties/Policies/0/PolicyDocument/Statement/1");
  }

  private static JsonNode find(JsonNode users, String username) {
    for (JsonNode u : users) {
      if (u.path("username").asText().equals(username)) {
        return u;
      }
    }
    throw new AssertionError("no user " + username + " in " + users);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}

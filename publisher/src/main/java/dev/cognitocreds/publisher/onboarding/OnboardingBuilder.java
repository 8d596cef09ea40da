package dev.cognitocreds.publisher.onboarding;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.publisher.setup.AwsClients;
import dev.cognitocreds.publisher.setup.Setup;
import dev.cognitocreds.publisher.setup.SetupMissingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Reads the deployed setup and makes its onboarding file. The app client's secret is never written
 * (a secret given to every user is not a secret): with one, the file warns instead.
 */
public final class OnboardingBuilder {

  private final AwsClients aws;

  public OnboardingBuilder(AwsClients aws) {
    this.aws = aws;
  }

  public Onboarding build() {
    Setup setup = aws.setup();
    String userPoolId = setup.userPoolIdOrFail();
    String clientId = setup.clientIdOrFail();
    String identityPoolId = setup.identityPoolIdOrFail();
    String profile =
        setup
            .profile()
            .orElseThrow(
                () ->
                    new SetupMissingException(
                        "no --profile: the profile name your users get (e.g. your company's name)"));
    UserPoolType pool = aws.userPools().describeUserPool(r -> r.userPoolId(userPoolId)).userPool();
    UserPoolClientType client =
        aws.userPools()
            .describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(clientId))
            .userPoolClient();
    aws.identityPools().describeIdentityPool(r -> r.identityPoolId(identityPoolId));
    List<String> warnings = new ArrayList<>();
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put("profile", profile)
        .put("region", setup.region())
        .put("userPoolId", userPoolId)
        .put("clientId", clientId)
        .put("identityPoolId", identityPoolId)
        .put(
            "registry", setup.registry().orElseGet(() -> registry(identityPoolId, setup.region())));
    List<String> flows = client.explicitAuthFlowsAsStrings();
    if (!flows.contains("ALLOW_USER_SRP_AUTH") && flows.contains("ALLOW_USER_PASSWORD_AUTH")) {
      file.put("authFlow", "USER_PASSWORD_AUTH");
    }
    setup.cognitoEndpoint().ifPresent(uri -> file.put("endpointUrl", uri.toString()));
    if (pool.domain() != null && !pool.domain().isBlank()) {
      file.put(
          "domain", "https://" + pool.domain() + ".auth." + setup.region() + ".amazoncognito.com");
      client.callbackURLs().stream()
          .filter(u -> u.startsWith("http://127.0.0.1:") || u.startsWith("http://localhost:"))
          .findFirst()
          .ifPresent(u -> file.put("redirectUri", u));
    }
    if (client.clientSecret() != null) {
      warnings.add(
          "app client "
              + clientId
              + " has a secret: it is not in the file, and users cannot sign in without it."
              + " Give them an app client without a secret (cognito-creds-publisher template makes one).");
    }
    return new Onboarding(file, profile, warnings);
  }

  /** The registry of the account that owns the identity pool's roles, in the setup's region. */
  private String registry(String identityPoolId, String region) {
    var roles = aws.identityPools().getIdentityPoolRoles(r -> r.identityPoolId(identityPoolId));
    Optional<String> account =
        roles.roles().values().stream()
            .map(arn -> arn.split(":"))
            .filter(parts -> parts.length > 4 && !parts[4].isEmpty())
            .map(parts -> parts[4])
            .findFirst();
    return account
        .map(a -> a + ".dkr.ecr." + region + ".amazonaws.com")
        .orElseThrow(
            () ->
                new SetupMissingException(
                    "the identity pool has no role to tell the account from: give --registry HOST"));
  }
}

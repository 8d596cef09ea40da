package dev.cognitocreds.publisher.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cognitocreds.publisher.setup.AwsClients;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Reads a deployed setup through the AWS APIs, read-only: starting from the identity pool, every
 * user pool and app client it trusts, the roles it can hand out and the repositories they name.
 */
public final class SetupReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_POOL_PROVIDER = "cognito-idp.";

  private final AwsClients aws;

  public SetupReader(AwsClients aws) {
    this.aws = aws;
  }

  public DeployedSetup read() {
    String identityPoolId = aws.setup().identityPoolIdOrFail();
    DescribeIdentityPoolResponse pool =
        aws.identityPools().describeIdentityPool(r -> r.identityPoolId(identityPoolId));
    GetIdentityPoolRolesResponse roles =
        aws.identityPools().getIdentityPoolRoles(r -> r.identityPoolId(identityPoolId));
    Map<String, UserPoolType> userPools = new LinkedHashMap<>();
    List<UserPoolClientType> clients = new ArrayList<>();
    for (CognitoIdentityProvider provider : pool.cognitoIdentityProviders()) {
      if (!provider.providerName().startsWith(USER_POOL_PROVIDER)) {
        continue;
      }
      String userPoolId = userPoolId(provider.providerName());
      userPools.computeIfAbsent(
          userPoolId, id -> aws.userPools().describeUserPool(r -> r.userPoolId(id)).userPool());
      clients.add(
          aws.userPools()
              .describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(provider.clientId()))
              .userPoolClient());
    }
    Map<String, DeployedSetup.Role> iamRoles = new LinkedHashMap<>();
    for (String arn : roleArns(roles)) {
      iamRoles.put(arn, role(arn));
    }
    Map<String, DeployedSetup.Repository> repositories = new LinkedHashMap<>();
    for (String arn : repositoryArns(iamRoles.values())) {
      repositories.put(arn, repository(arn));
    }
    return new DeployedSetup(pool, roles, userPools, clients, iamRoles, repositories);
  }

  static String userPoolId(String providerName) {
    return providerName.substring(providerName.lastIndexOf('/') + 1);
  }

  static Set<String> roleArns(GetIdentityPoolRolesResponse roles) {
    Set<String> arns = new LinkedHashSet<>(roles.roles().values());
    for (RoleMapping mapping : roles.roleMappings().values()) {
      if (mapping.rulesConfiguration() != null) {
        mapping.rulesConfiguration().rules().forEach(rule -> arns.add(rule.roleARN()));
      }
    }
    return arns;
  }

  private DeployedSetup.Role role(String arn) {
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    var iam = aws.iam();
    try {
      var role = iam.getRole(r -> r.roleName(name)).role();
      Map<String, JsonNode> policies = new LinkedHashMap<>();
      for (String policyName : iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames()) {
        policies.put(
            "inline policy " + policyName,
            document(
                iam.getRolePolicy(r -> r.roleName(name).policyName(policyName)).policyDocument()));
      }
      for (AttachedPolicy attached :
          iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies()) {
        String version =
            iam.getPolicy(r -> r.policyArn(attached.policyArn())).policy().defaultVersionId();
        policies.put(
            "managed policy " + attached.policyArn(),
            document(
                iam.getPolicyVersion(r -> r.policyArn(attached.policyArn()).versionId(version))
                    .policyVersion()
                    .document()));
      }
      return new DeployedSetup.Role(
          arn, Optional.of(document(role.assumeRolePolicyDocument())), policies);
    } catch (NoSuchEntityException e) {
      return new DeployedSetup.Role(arn, Optional.empty(), Map.of());
    }
  }

  /** ECR repository ARNs (no wildcards) that a role's Allow statements name. */
  static Set<String> repositoryArns(Iterable<DeployedSetup.Role> roles) {
    Set<String> arns = new LinkedHashSet<>();
    for (DeployedSetup.Role role : roles) {
      for (JsonNode policy : role.policies().values()) {
        for (PolicyStatement statement : PolicyStatement.of(policy)) {
          if (!statement.allows() || statement.notResource()) {
            continue;
          }
          statement.resources().stream()
              .filter(r -> r.matches("arn:[^:]+:ecr:[^:*]+:[0-9]+:repository/[^*?]+"))
              .forEach(arns::add);
        }
      }
    }
    return arns;
  }

  private DeployedSetup.Repository repository(String arn) {
    String[] parts = arn.split(":", 6);
    String region = parts[3];
    String account = parts[4];
    String name = parts[5].substring("repository/".length());
    try {
      String text =
          aws.ecr(region)
              .getRepositoryPolicy(r -> r.registryId(account).repositoryName(name))
              .policyText();
      return new DeployedSetup.Repository(arn, true, Optional.ofNullable(text).map(t -> parse(t)));
    } catch (RepositoryPolicyNotFoundException e) {
      return new DeployedSetup.Repository(arn, true, Optional.empty());
    } catch (RepositoryNotFoundException e) {
      return new DeployedSetup.Repository(arn, false, Optional.empty());
    }
  }

  /** IAM returns policy documents URL-encoded. */
  private static JsonNode document(String encoded) {
    String text =
        encoded.trim().startsWith("{")
            ? encoded
            : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    return parse(text);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}

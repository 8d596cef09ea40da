package dev.cognitocreds.publisher.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * What {@code check} read of a deployed setup: the identity pool and its roles, every user pool and
 * app client it trusts, the IAM roles it hands out, and the policies of the repositories those
 * roles name. The checks look only at this, so they are tested without AWS.
 */
public record DeployedSetup(
    DescribeIdentityPoolResponse identityPool,
    GetIdentityPoolRolesResponse roles,
    Map<String, UserPoolType> userPools,
    List<UserPoolClientType> clients,
    Map<String, Role> iamRoles,
    Map<String, Repository> repositories) {

  /** An IAM role: its trust policy and every permission policy (inline and attached). */
  public record Role(String arn, Optional<JsonNode> trust, Map<String, JsonNode> policies) {}

  /** An ECR repository a role names; {@code exists} false when ECR does not know it. */
  public record Repository(String arn, boolean exists, Optional<JsonNode> policy) {}
}

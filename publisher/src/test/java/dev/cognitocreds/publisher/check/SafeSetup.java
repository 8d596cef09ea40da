package dev.cognitocreds.publisher.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdentityPoolRolesResponse;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** A deployed setup as the template makes it; each test breaks one thing of it. */
final class SafeSetup {
  static final String POOL = "us-east-2_AbCdEf123";
  static final String CLIENT = "client0000000000000000000a";
  static final String IDENTITY_POOL = "us-east-2:070eee28-81b9-4878-b500-b9be89facf50";
  static final String PROVIDER = "cognito-idp.us-east-2.amazonaws.com/" + POOL;
  static final String PULL = "arn:aws:iam::111122223333:role/cognito-creds-pull";
  static final String REPOSITORY = "arn:aws:ecr:us-east-2:111122223333:repository/acme/app";
  private static final ObjectMapper JSON = new ObjectMapper();

  DescribeIdentityPoolResponse.Builder identityPool =
      DescribeIdentityPoolResponse.builder()
          .identityPoolId(IDENTITY_POOL)
          .allowUnauthenticatedIdentities(false)
          .allowClassicFlow(false)
          .cognitoIdentityProviders(
              CognitoIdentityProvider.builder()
                  .providerName(PROVIDER)
                  .clientId(CLIENT)
                  .serverSideTokenCheck(true)
                  .build());
  Map<String, String> defaultRoles = new LinkedHashMap<>(Map.of("authenticated", PULL));
  RoleMapping.Builder mapping =
      RoleMapping.builder()
          .type("Rules")
          .ambiguousRoleResolution("Deny")
          .rulesConfiguration(
              c ->
                  c.rules(
                      MappingRule.builder()
                          .claim("custom:isLicensed")
                          .matchType("Equals")
                          .value("1")
                          .roleARN(PULL)
                          .build()));
  UserPoolType.Builder userPool =
      UserPoolType.builder()
          .id(POOL)
          .mfaConfiguration("OPTIONAL")
          .adminCreateUserConfig(c -> c.allowAdminCreateUserOnly(true))
          .schemaAttributes(
              SchemaAttributeType.builder().name("email").build(),
              SchemaAttributeType.builder().name("custom:isLicensed").build());
  UserPoolClientType.Builder client =
      UserPoolClientType.builder()
          .userPoolId(POOL)
          .clientId(CLIENT)
          .explicitAuthFlowsWithStrings("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
          .readAttributes("email", "custom:isLicensed")
          .writeAttributes("email")
          .enableTokenRevocation(true)
          .refreshTokenValidity(30);

  /** The trust policy's conditions; null leaves one out. */
  String audCondition =
      "\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + IDENTITY_POOL + "\"}";

  String amrCondition =
      "\"ForAnyValue:StringLike\":{\"cognito-identity.amazonaws.com:amr\":\"authenticated\"}";
  String permissions =
      """
      {"Version":"2012-10-17","Statement":[
       {"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"},
       {"Effect":"Allow","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability"],"Resource":["%s"]}]}
      """
          .formatted(REPOSITORY);
  Map<String, String> otherRoles = new LinkedHashMap<>();
  Optional<String> repositoryPolicy = Optional.empty();

  DeployedSetup build() {
    String trust =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Principal":{"Federated":"cognito-identity.amazonaws.com"},
         "Action":"sts:AssumeRoleWithWebIdentity","Condition":{%s}}]}
        """
            .formatted(
                String.join(
                    ",",
                    java.util.stream.Stream.of(audCondition, amrCondition)
                        .filter(java.util.Objects::nonNull)
                        .toList()));
    Map<String, DeployedSetup.Role> roles = new LinkedHashMap<>();
    roles.put(PULL, role(PULL, trust, permissions));
    otherRoles.forEach((arn, policy) -> roles.put(arn, role(arn, trust, policy)));
    return new DeployedSetup(
        identityPool.build(),
        GetIdentityPoolRolesResponse.builder()
            .identityPoolId(IDENTITY_POOL)
            .roles(defaultRoles)
            .roleMappings(
                mapping == null ? Map.of() : Map.of(PROVIDER + ":" + CLIENT, mapping.build()))
            .build(),
        Map.of(POOL, userPool.build()),
        List.of(client.build()),
        roles,
        Map.of(
            REPOSITORY,
            new DeployedSetup.Repository(REPOSITORY, true, repositoryPolicy.map(SafeSetup::json))));
  }

  private static DeployedSetup.Role role(String arn, String trust, String permissions) {
    return new DeployedSetup.Role(
        arn, Optional.of(json(trust)), Map.of("inline policy pull", json(permissions)));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}

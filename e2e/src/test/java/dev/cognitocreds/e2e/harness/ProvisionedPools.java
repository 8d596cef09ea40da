package dev.cognitocreds.e2e.harness;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * Pools provisioned through the AWS SDK, as a publisher's tooling would set up Cognito; {@code
 * clientSecret} is null for app clients without one.
 */
public record ProvisionedPools(
    String region, String userPoolId, String clientId, String clientSecret, String identityPoolId) {

  public static final String MOTO_REGION = "us-east-1";

  /**
   * In moto: a user pool, an app client without secret for USER_PASSWORD_AUTH, an identity pool
   * trusting it.
   */
  public static ProvisionedPools inMoto(CognitoAdmin admin) {
    String userPoolId =
        admin
            .userPools()
            .createUserPool(
                request ->
                    request
                        .poolName("e2e-licensed-images")
                        .schema(
                            SchemaAttributeType.builder()
                                .name("isLicensed")
                                .attributeDataType(AttributeDataType.NUMBER)
                                .mutable(true)
                                .build()))
            .userPool()
            .id();
    String clientId =
        admin
            .userPools()
            .createUserPoolClient(
                request ->
                    request
                        .userPoolId(userPoolId)
                        .clientName("e2e-cli")
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
            .userPoolClient()
            .clientId();
    return new ProvisionedPools(
        MOTO_REGION,
        userPoolId,
        clientId,
        null,
        identityPoolFor(admin, MOTO_REGION, userPoolId, clientId));
  }

  /**
   * In local-cognito's demo pool: an app client whose ID tokens live only {@code idTokenLifetime}
   * (Cognito's own minimum is 5 minutes; local-cognito takes seconds), and an identity pool that
   * trusts it and hands out the licensed role.
   */
  public static ProvisionedPools shortIdTokensInDemoPool(
      CognitoAdmin admin, Duration idTokenLifetime) {
    UserPoolClientType client =
        admin
            .userPools()
            .createUserPoolClient(
                request ->
                    request
                        .userPoolId(DemoPool.USER_POOL_ID)
                        .clientName("e2e-short-id-tokens")
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .idTokenValidity((int) idTokenLifetime.toSeconds())
                        .accessTokenValidity((int) idTokenLifetime.toSeconds())
                        .tokenValidityUnits(
                            units ->
                                units
                                    .idToken(TimeUnitsType.SECONDS)
                                    .accessToken(TimeUnitsType.SECONDS)))
            .userPoolClient();
    return licensedIdentityPoolFor(admin, client);
  }

  /**
   * In local-cognito's demo pool: an app client with a secret (SECRET_HASH), and an identity pool
   * trusting it.
   */
  public static ProvisionedPools clientWithSecretInDemoPool(CognitoAdmin admin) {
    UserPoolClientType client =
        admin
            .userPools()
            .createUserPoolClient(
                request ->
                    request
                        .userPoolId(DemoPool.USER_POOL_ID)
                        .clientName("e2e-confidential")
                        .generateSecret(true)
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
            .userPoolClient();
    return licensedIdentityPoolFor(admin, client);
  }

  /**
   * An identity pool for the demo client that takes the role from the token ({@code
   * cognito:preferred_role}, or the caller's CustomRoleArn when it is one of {@code
   * cognito:roles}).
   */
  public static ProvisionedPools rolesFromTokenForDemoClient(CognitoAdmin admin) {
    String identityPoolId =
        identityPoolFor(admin, DemoPool.REGION, DemoPool.USER_POOL_ID, DemoPool.CLIENT_ID);
    admin
        .identityPools()
        .setIdentityPoolRoles(
            request ->
                request
                    .identityPoolId(identityPoolId)
                    .roles(Map.of("authenticated", DemoPool.LICENSED_ROLE_ARN))
                    .roleMappings(
                        Map.of(
                            providerName(DemoPool.REGION, DemoPool.USER_POOL_ID)
                                + ":"
                                + DemoPool.CLIENT_ID,
                            RoleMapping.builder()
                                .type(RoleMappingType.TOKEN)
                                .ambiguousRoleResolution("Deny")
                                .build())));
    return new ProvisionedPools(
        DemoPool.REGION, DemoPool.USER_POOL_ID, DemoPool.CLIENT_ID, null, identityPoolId);
  }

  private static ProvisionedPools licensedIdentityPoolFor(
      CognitoAdmin admin, UserPoolClientType client) {
    String identityPoolId =
        identityPoolFor(admin, DemoPool.REGION, DemoPool.USER_POOL_ID, client.clientId());
    admin
        .identityPools()
        .setIdentityPoolRoles(
            request ->
                request
                    .identityPoolId(identityPoolId)
                    .roles(Map.of("authenticated", DemoPool.LICENSED_ROLE_ARN)));
    return new ProvisionedPools(
        DemoPool.REGION,
        DemoPool.USER_POOL_ID,
        client.clientId(),
        client.clientSecret(),
        identityPoolId);
  }

  private static String identityPoolFor(
      CognitoAdmin admin, String region, String userPoolId, String clientId) {
    return admin
        .identityPools()
        .createIdentityPool(
            request ->
                request
                    .identityPoolName("e2e_licensed_images")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(
                        CognitoIdentityProvider.builder()
                            .providerName(providerName(region, userPoolId))
                            .clientId(clientId)
                            .build()))
        .identityPoolId();
  }

  private static String providerName(String region, String userPoolId) {
    return "cognito-idp." + region + ".amazonaws.com/" + userPoolId;
  }

  public CognitoProfile profile(String name, URI endpoint) {
    CognitoProfile profile =
        CognitoProfile.of(name, region, userPoolId, clientId, identityPoolId, endpoint);
    return clientSecret == null ? profile : profile.with("cognito_client_secret", clientSecret);
  }
}

package dev.cognitocreds.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * An empty local-cognito set up the way a publisher's tooling sets up Cognito, then used end to
 * end.
 */
class ProvisioningTest {
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;

  @BeforeAll
  static void start() {
    cognito = LocalCognito.builder().start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
  }

  @AfterAll
  static void stop() {
    identity.close();
    idp.close();
    cognito.close();
  }

  @Test
  void poolClientGroupUserAndIdentityPoolProvisionedThroughTheApiWorkEndToEnd() {
    UserPoolType pool =
        idp.createUserPool(
                r ->
                    r.poolName("publisher")
                        .policies(
                            p -> p.passwordPolicy(pp -> pp.minimumLength(12).requireNumbers(true)))
                        .schema(
                            SchemaAttributeType.builder()
                                .name("tier")
                                .attributeDataType("String")
                                .mutable(true)
                                .build()))
            .userPool();
    assertThat(pool.id()).matches("us-east-2_[A-Za-z0-9]{9}");
    assertThat(pool.arn())
        .isEqualTo("arn:aws:cognito-idp:us-east-2:111122223333:userpool/" + pool.id());
    assertThat(idp.describeUserPool(r -> r.userPoolId(pool.id())).userPool().name())
        .isEqualTo("publisher");

    UserPoolClientType client =
        idp.createUserPoolClient(
                r ->
                    r.userPoolId(pool.id())
                        .clientName("cli")
                        .generateSecret(true)
                        .explicitAuthFlows(
                            ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .idTokenValidity(5)
                        .accessTokenValidity(5)
                        .refreshTokenValidity(1)
                        .tokenValidityUnits(
                            u ->
                                u.idToken(TimeUnitsType.MINUTES)
                                    .accessToken(TimeUnitsType.MINUTES)
                                    .refreshToken(TimeUnitsType.HOURS))
                        .refreshTokenRotation(
                            t -> t.feature(FeatureType.ENABLED).retryGracePeriodSeconds(30)))
            .userPoolClient();
    assertThat(client.clientSecret()).isNotBlank();
    UserPoolClientType described =
        idp.describeUserPoolClient(r -> r.userPoolId(pool.id()).clientId(client.clientId()))
            .userPoolClient();
    assertThat(described.tokenValidityUnits().idToken()).isEqualTo(TimeUnitsType.MINUTES);
    assertThat(described.refreshTokenRotation().feature()).isEqualTo(FeatureType.ENABLED);
    assertThat(described.explicitAuthFlows())
        .contains(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH);

    idp.createGroup(
        r ->
            r.userPoolId(pool.id())
                .groupName("gold")
                .roleArn("arn:aws:iam::111122223333:role/gold")
                .precedence(1));
    idp.adminCreateUser(
        r ->
            r.userPoolId(pool.id())
                .username("pat")
                .temporaryPassword("Temporary-Passw0rd")
                .userAttributes(AttributeType.builder().name("custom:tier").value("gold").build()));
    assertThatThrownBy(
            () ->
                idp.adminSetUserPassword(
                    r -> r.userPoolId(pool.id()).username("pat").password("Sh0rt").permanent(true)))
        .isInstanceOf(InvalidPasswordException.class);
    idp.adminSetUserPassword(
        r ->
            r.userPoolId(pool.id()).username("pat").password("Permanent-Passw0rd").permanent(true));
    idp.adminAddUserToGroup(r -> r.userPoolId(pool.id()).username("pat").groupName("gold"));

    var tokens =
        idp.initiateAuth(
                r ->
                    r.clientId(client.clientId())
                        .authFlow("USER_PASSWORD_AUTH")
                        .authParameters(
                            Map.of(
                                "USERNAME",
                                "pat",
                                "PASSWORD",
                                "Permanent-Passw0rd",
                                "SECRET_HASH",
                                TestSecretHash.of(
                                    client.clientSecret(), "pat", client.clientId()))))
            .authenticationResult();
    assertThat(tokens.expiresIn()).isEqualTo(300);

    String provider = "cognito-idp.us-east-2.amazonaws.com/" + pool.id();
    var identityPool =
        identity.createIdentityPool(
            r ->
                r.identityPoolName("publisher_ids")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(
                        CognitoIdentityProvider.builder()
                            .providerName(provider)
                            .clientId(client.clientId())
                            .build()));
    assertThat(identityPool.identityPoolId()).startsWith("us-east-2:");
    identity.setIdentityPoolRoles(
        r ->
            r.identityPoolId(identityPool.identityPoolId())
                .roles(Map.of("authenticated", "arn:aws:iam::111122223333:role/basic"))
                .roleMappings(
                    Map.of(
                        provider + ":" + client.clientId(),
                        RoleMapping.builder()
                            .type(RoleMappingType.RULES)
                            .ambiguousRoleResolution("AuthenticatedRole")
                            .rulesConfiguration(
                                c ->
                                    c.rules(
                                        MappingRule.builder()
                                            .claim("custom:tier")
                                            .matchType(MappingRuleMatchType.EQUALS)
                                            .value("gold")
                                            .roleARN("arn:aws:iam::111122223333:role/gold-by-rule")
                                            .build()))
                            .build())));
    assertThat(
            identity
                .describeIdentityPool(r -> r.identityPoolId(identityPool.identityPoolId()))
                .cognitoIdentityProviders())
        .hasSize(1);
    assertThat(
            identity
                .getIdentityPoolRoles(r -> r.identityPoolId(identityPool.identityPoolId()))
                .roleMappings())
        .containsKey(provider + ":" + client.clientId());

    Map<String, String> logins = Map.of(provider, tokens.idToken());
    String identityId =
        identity
            .getId(r -> r.identityPoolId(identityPool.identityPoolId()).logins(logins))
            .identityId();
    var credentials =
        identity
            .getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins))
            .credentials();
    assertThat(credentials.expiration()).isAfter(Instant.now().plusSeconds(3500));
    assertThat(cognito.issuedCredentials())
        .last()
        .extracting(c -> c.roleArn())
        .isEqualTo("arn:aws:iam::111122223333:role/gold-by-rule");

    var rotated =
        idp.getTokensFromRefreshToken(
                r ->
                    r.clientId(client.clientId())
                        .clientSecret(client.clientSecret())
                        .refreshToken(tokens.refreshToken()))
            .authenticationResult();
    assertThat(rotated.refreshToken()).isNotEqualTo(tokens.refreshToken());
  }

  @Test
  void mfaConfiguredThroughTheApiIsEnforced() {
    String poolId = idp.createUserPool(r -> r.poolName("mfa-by-api")).userPool().id();
    idp.setUserPoolMfaConfig(
        r ->
            r.userPoolId(poolId)
                .mfaConfiguration(UserPoolMfaType.ON)
                .softwareTokenMfaConfiguration(c -> c.enabled(true)));
    String clientId =
        idp.createUserPoolClient(
                r ->
                    r.userPoolId(poolId)
                        .clientName("c")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
            .userPoolClient()
            .clientId();
    idp.adminCreateUser(
        r -> r.userPoolId(poolId).username("quinn").temporaryPassword("Quinn-Temp0rary!"));
    idp.adminSetUserPassword(
        r -> r.userPoolId(poolId).username("quinn").password("Quinn-Passw0rd!").permanent(true));

    assertThat(
            idp.getUserPoolMfaConfig(r -> r.userPoolId(poolId))
                .softwareTokenMfaConfiguration()
                .enabled())
        .isTrue();
    assertThat(SignIn.password(idp, clientId, "quinn", "Quinn-Passw0rd!").challengeNameAsString())
        .isEqualTo("MFA_SETUP");
  }
}

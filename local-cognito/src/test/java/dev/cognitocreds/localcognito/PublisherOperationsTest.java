package dev.cognitocreds.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * What the publisher's commands call, through the AWS SDK's own clients, answered and refused as
 * Cognito does.
 */
class PublisherOperationsTest {
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;
  private static String poolId;

  @BeforeAll
  static void start() {
    cognito = LocalCognito.builder().start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
    poolId =
        idp.createUserPool(
                r ->
                    r.poolName("licensed")
                        .schema(
                            SchemaAttributeType.builder()
                                .name("isLicensed")
                                .attributeDataType("String")
                                .mutable(true)
                                .build()))
            .userPool()
            .id();
    for (String name : List.of("ann", "bob", "cat")) {
      idp.adminCreateUser(
          r ->
              r.userPoolId(poolId)
                  .username(name)
                  .temporaryPassword("Temporary-Passw0rd")
                  .userAttributes(attribute("email", name + "@example.com")));
      idp.adminSetUserPassword(
          r -> r.userPoolId(poolId).username(name).password("Permanent-Passw0rd").permanent(true));
    }
  }

  @AfterAll
  static void stop() {
    identity.close();
    idp.close();
    cognito.close();
  }

  @Test
  void theAppClientsWriteAttributesDecideWhatAUserMayChangeOfThemself() {
    String restricted = client(List.of("email"));
    String open = client(List.of());
    String restrictedToken = accessToken(restricted, "ann");

    idp.updateUserAttributes(
        r -> r.accessToken(restrictedToken).userAttributes(attribute("email", "new@example.com")));
    assertThatThrownBy(
            () ->
                idp.updateUserAttributes(
                    r ->
                        r.accessToken(restrictedToken)
                            .userAttributes(attribute("custom:isLicensed", "1"))))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("A client attempted to write unauthorized attribute");
    assertThat(attributes("ann")).containsEntry("email", "new@example.com");
    assertThat(attributes("ann")).doesNotContainKey("custom:isLicensed");
    assertThat(
            idp.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(restricted))
                .userPoolClient()
                .writeAttributes())
        .containsExactly("email");

    // a client that names no WriteAttributes lets users write every attribute: the mistake check
    // finds
    idp.updateUserAttributes(
        r ->
            r.accessToken(accessToken(open, "ann"))
                .userAttributes(attribute("custom:isLicensed", "1")));
    assertThat(attributes("ann")).containsEntry("custom:isLicensed", "1");
  }

  @Test
  void updatingAnAppClientReplacesItsSettingsAndResetsTheOmittedOnes() {
    String clientId = client(List.of("email"));

    var updated =
        idp.updateUserPoolClient(
                r ->
                    r.userPoolId(poolId)
                        .clientId(clientId)
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .allowedOAuthFlowsUserPoolClient(true)
                        .allowedOAuthFlows(OAuthFlowType.CODE)
                        .allowedOAuthScopes("openid")
                        .callbackURLs("http://127.0.0.1:50123/callback")
                        .supportedIdentityProviders("COGNITO"))
            .userPoolClient();

    assertThat(updated.clientId()).isEqualTo(clientId);
    assertThat(updated.clientName()).as("a name left out stays").isEqualTo("app");
    assertThat(
            idp.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId))
                .userPoolClient())
        .satisfies(
            described -> {
              assertThat(described.callbackURLs())
                  .containsExactly("http://127.0.0.1:50123/callback");
              assertThat(described.explicitAuthFlows())
                  .containsExactly(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
              assertThat(described.writeAttributes()).as("omitted: back to the default").isEmpty();
            });
    assertThatThrownBy(
            () ->
                idp.updateUserPoolClient(
                    r -> r.userPoolId(poolId).clientId("nosuchclient0000000000000a")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void adminUpdatesAttributesAndListsUsersPageByPageWithAFilter() {
    idp.adminUpdateUserAttributes(
        r ->
            r.userPoolId(poolId)
                .username("bob")
                .userAttributes(attribute("custom:isLicensed", "0")));
    assertThat(attributes("bob")).containsEntry("custom:isLicensed", "0");
    assertThatThrownBy(
            () ->
                idp.adminUpdateUserAttributes(
                    r ->
                        r.userPoolId(poolId)
                            .username("bob")
                            .userAttributes(attribute("custom:nope", "1"))))
        .hasMessageContaining("Attribute does not exist in the schema");

    var first = idp.listUsers(r -> r.userPoolId(poolId).limit(2));
    assertThat(first.users()).hasSize(2);
    assertThat(first.paginationToken()).isNotNull();
    List<String> all =
        idp.listUsersPaginator(r -> r.userPoolId(poolId).limit(2)).users().stream()
            .map(UserType::username)
            .toList();
    assertThat(all).containsExactly("ann", "bob", "cat");
    assertThat(
            idp.listUsers(r -> r.userPoolId(poolId).filter("email = \"cat@example.com\"")).users())
        .extracting(UserType::username)
        .containsExactly("cat");
    assertThat(idp.listUsers(r -> r.userPoolId(poolId)).users().get(0).userCreateDate())
        .isNotNull();
  }

  @Test
  void adminUserGlobalSignOutEndsTheRefreshTokens() {
    String clientId = client(List.of("email"));
    var tokens = SignIn.tokens(idp, clientId, "cat", "Permanent-Passw0rd");

    idp.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username("cat"));

    assertThatThrownBy(
            () ->
                idp.initiateAuth(
                    r ->
                        r.clientId(clientId)
                            .authFlow("REFRESH_TOKEN_AUTH")
                            .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
        .isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void classicFlowOffRefusesGetOpenIdTokenAndDescribeSaysSo() {
    String clientId = client(List.of("email"));
    String provider = "cognito-idp.us-east-2.amazonaws.com/" + poolId;
    var pool =
        identity.createIdentityPool(
            r ->
                r.identityPoolName("no-classic")
                    .allowUnauthenticatedIdentities(false)
                    .allowClassicFlow(false)
                    .cognitoIdentityProviders(
                        CognitoIdentityProvider.builder()
                            .providerName(provider)
                            .clientId(clientId)
                            .serverSideTokenCheck(true)
                            .build()));
    var described = identity.describeIdentityPool(r -> r.identityPoolId(pool.identityPoolId()));
    assertThat(described.allowClassicFlow()).isFalse();
    assertThat(described.cognitoIdentityProviders().get(0).serverSideTokenCheck()).isTrue();

    String idToken = SignIn.tokens(idp, clientId, "cat", "Permanent-Passw0rd").idToken();
    Map<String, String> logins = Map.of(provider, idToken);
    String identityId =
        identity.getId(r -> r.identityPoolId(pool.identityPoolId()).logins(logins)).identityId();
    assertThatThrownBy(() -> identity.getOpenIdToken(r -> r.identityId(identityId).logins(logins)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Basic (classic) flow is not enabled, please use enhanced flow.");
  }

  @Test
  void roleMappingsOnlyForTheProvidersThePoolTrusts() {
    String trusted = client(List.of("email"));
    String other = client(List.of("email"));
    String provider = "cognito-idp.us-east-2.amazonaws.com/" + poolId;
    String pool =
        identity
            .createIdentityPool(
                r ->
                    r.identityPoolName("mapped")
                        .allowUnauthenticatedIdentities(false)
                        .cognitoIdentityProviders(
                            CognitoIdentityProvider.builder()
                                .providerName(provider)
                                .clientId(trusted)
                                .build()))
            .identityPoolId();
    RoleMapping deny =
        RoleMapping.builder()
            .type(RoleMappingType.RULES)
            .ambiguousRoleResolution("Deny")
            .rulesConfiguration(
                c ->
                    c.rules(
                        rule ->
                            rule.claim("custom:isLicensed")
                                .matchType("Equals")
                                .value("1")
                                .roleARN("arn:aws:iam::111122223333:role/pull")))
            .build();
    String role = "arn:aws:iam::111122223333:role/pull";

    assertThatThrownBy(
            () ->
                identity.setIdentityPoolRoles(
                    r ->
                        r.identityPoolId(pool)
                            .roles(Map.of("authenticated", role))
                            .roleMappings(Map.of(provider + ":" + other, deny))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(
            "is not a valid RoleMapping ProviderName or is not a configured provider");

    identity.setIdentityPoolRoles(
        r ->
            r.identityPoolId(pool)
                .roles(Map.of("authenticated", role))
                .roleMappings(Map.of(provider + ":" + trusted, deny)));
    var roles = identity.getIdentityPoolRoles(r -> r.identityPoolId(pool));
    assertThat(roles.roles()).containsEntry("authenticated", role);
    assertThat(roles.roleMappings().get(provider + ":" + trusted).ambiguousRoleResolutionAsString())
        .isEqualTo("Deny");
  }

  private static String client(List<String> writeAttributes) {
    return idp.createUserPoolClient(
            r ->
                r.userPoolId(poolId)
                    .clientName("app")
                    .explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                    .writeAttributes(writeAttributes.isEmpty() ? null : writeAttributes))
        .userPoolClient()
        .clientId();
  }

  private static String accessToken(String clientId, String username) {
    return SignIn.tokens(idp, clientId, username, "Permanent-Passw0rd").accessToken();
  }

  private static Map<String, String> attributes(String username) {
    return idp.adminGetUser(r -> r.userPoolId(poolId).username(username)).userAttributes().stream()
        .collect(java.util.stream.Collectors.toMap(AttributeType::name, AttributeType::value));
  }

  private static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }
}

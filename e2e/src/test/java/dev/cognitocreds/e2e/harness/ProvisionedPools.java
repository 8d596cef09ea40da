package dev.cognitocreds.e2e.harness;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

/** Pools provisioned through the AWS SDK, as a publisher's tooling would set up Cognito. */
public record ProvisionedPools(String region, String userPoolId, String clientId, String identityPoolId) {

    public static final String MOTO_REGION = "us-east-1";

    /** In moto: a user pool, an app client without secret for USER_PASSWORD_AUTH, an identity pool trusting it. */
    public static ProvisionedPools inMoto(CognitoAdmin admin) {
        String userPoolId = admin.userPools().createUserPool(request -> request
                        .poolName("e2e-licensed-images")
                        .schema(SchemaAttributeType.builder().name("isLicensed").attributeDataType(AttributeDataType.NUMBER).mutable(true).build()))
                .userPool().id();
        String clientId = admin.userPools().createUserPoolClient(request -> request
                        .userPoolId(userPoolId)
                        .clientName("e2e-cli")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        return new ProvisionedPools(MOTO_REGION, userPoolId, clientId, identityPoolFor(admin, MOTO_REGION, userPoolId, clientId));
    }

    /**
     * In local-cognito's demo pool: an app client whose ID tokens live only {@code idTokenLifetime} (Cognito's
     * own minimum is 5 minutes; local-cognito takes seconds), and an identity pool that trusts it and hands out
     * the licensed role.
     */
    public static ProvisionedPools shortIdTokensInDemoPool(CognitoAdmin admin, Duration idTokenLifetime) {
        String clientId = admin.userPools().createUserPoolClient(request -> request
                        .userPoolId(DemoPool.USER_POOL_ID)
                        .clientName("e2e-short-id-tokens")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .idTokenValidity((int) idTokenLifetime.toSeconds())
                        .accessTokenValidity((int) idTokenLifetime.toSeconds())
                        .tokenValidityUnits(units -> units.idToken(TimeUnitsType.SECONDS).accessToken(TimeUnitsType.SECONDS)))
                .userPoolClient().clientId();
        String identityPoolId = identityPoolFor(admin, DemoPool.REGION, DemoPool.USER_POOL_ID, clientId);
        admin.identityPools().setIdentityPoolRoles(request -> request
                .identityPoolId(identityPoolId)
                .roles(Map.of("authenticated", DemoPool.LICENSED_ROLE_ARN)));
        return new ProvisionedPools(DemoPool.REGION, DemoPool.USER_POOL_ID, clientId, identityPoolId);
    }

    private static String identityPoolFor(CognitoAdmin admin, String region, String userPoolId, String clientId) {
        return admin.identityPools().createIdentityPool(request -> request
                        .identityPoolName("e2e_licensed_images")
                        .allowUnauthenticatedIdentities(false)
                        .cognitoIdentityProviders(CognitoIdentityProvider.builder()
                                .providerName("cognito-idp." + region + ".amazonaws.com/" + userPoolId)
                                .clientId(clientId)
                                .build()))
                .identityPoolId();
    }

    public CognitoProfile profile(String name, URI endpoint) {
        return CognitoProfile.of(name, region, userPoolId, clientId, identityPoolId, endpoint);
    }
}

package dev.cognitocreds.e2e.harness;

import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

/** A user pool, an app client without secret and an identity pool trusting them, provisioned in moto. */
public record MotoPools(String region, String userPoolId, String clientId, String identityPoolId) {

    public static final String REGION = "us-east-1";

    public static MotoPools provision(CognitoAdmin admin) {
        String userPoolId = admin.userPools().createUserPool(request -> request
                        .poolName("e2e-licensed-images")
                        .schema(SchemaAttributeType.builder().name("isLicensed").attributeDataType(AttributeDataType.NUMBER).mutable(true).build()))
                .userPool().id();
        String clientId = admin.userPools().createUserPoolClient(request -> request
                        .userPoolId(userPoolId)
                        .clientName("e2e-cli")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
        String identityPoolId = admin.identityPools().createIdentityPool(request -> request
                        .identityPoolName("e2e_licensed_images")
                        .allowUnauthenticatedIdentities(false)
                        .cognitoIdentityProviders(CognitoIdentityProvider.builder()
                                .providerName("cognito-idp." + REGION + ".amazonaws.com/" + userPoolId)
                                .clientId(clientId)
                                .build()))
                .identityPoolId();
        return new MotoPools(REGION, userPoolId, clientId, identityPoolId);
    }
}

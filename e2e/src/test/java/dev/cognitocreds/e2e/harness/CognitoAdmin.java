package dev.cognitocreds.e2e.harness;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * A publisher's tooling: the AWS SDK's own Cognito clients, pointed at an emulator with {@code
 * endpointOverride} and dummy keys, so nothing can reach real AWS.
 */
public final class CognitoAdmin implements AutoCloseable {

  private final CognitoIdentityProviderClient userPools;
  private final CognitoIdentityClient identityPools;

  public CognitoAdmin(URI endpoint, String region) {
    StaticCredentialsProvider dummyKeys =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAE2ETESTS", "e2e-dummy-secret"));
    this.userPools =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(dummyKeys)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.identityPools =
        CognitoIdentityClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(dummyKeys)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  public CognitoIdentityProviderClient userPools() {
    return userPools;
  }

  public CognitoIdentityClient identityPools() {
    return identityPools;
  }

  /**
   * A user as a publisher imports one: a temporary password to replace at the first sign-in, and
   * attributes.
   */
  public void createUser(
      String userPoolId,
      String username,
      String temporaryPassword,
      Map<String, String> attributes) {
    userPools.adminCreateUser(
        request ->
            request
                .userPoolId(userPoolId)
                .username(username)
                .temporaryPassword(temporaryPassword)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                    attributes.entrySet().stream()
                        .map(
                            attribute ->
                                AttributeType.builder()
                                    .name(attribute.getKey())
                                    .value(attribute.getValue())
                                    .build())
                        .toList()));
  }

  /** A user whose password is already permanent (status CONFIRMED), with no attributes. */
  public void createConfirmedUser(String userPoolId, String username, String password) {
    createUser(userPoolId, username, password, Map.of());
    userPools.adminSetUserPassword(
        request ->
            request.userPoolId(userPoolId).username(username).password(password).permanent(true));
  }

  /**
   * A group whose members may assume {@code roleArn} (it appears in their tokens' {@code
   * cognito:roles}).
   */
  public void createGroupWithRole(String userPoolId, String group, String roleArn, int precedence) {
    userPools.createGroup(
        request ->
            request
                .userPoolId(userPoolId)
                .groupName(group)
                .roleArn(roleArn)
                .precedence(precedence));
  }

  public void addToGroup(String userPoolId, String username, String group) {
    userPools.adminAddUserToGroup(
        request -> request.userPoolId(userPoolId).username(username).groupName(group));
  }

  /** Revokes every refresh token of the user, as a publisher does when a licence ends. */
  public void signOutEverywhere(String userPoolId, String username) {
    userPools.adminUserGlobalSignOut(request -> request.userPoolId(userPoolId).username(username));
  }

  @Override
  public void close() {
    userPools.close();
    identityPools.close();
  }
}

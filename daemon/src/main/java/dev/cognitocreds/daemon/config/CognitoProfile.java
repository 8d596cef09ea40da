package dev.cognitocreds.daemon.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** One valid cognito profile of the AWS config file. */
public record CognitoProfile(
    String name,
    String region,
    String userPoolId,
    String clientId,
    Optional<String> clientSecret,
    String identityPoolId,
    Optional<String> roleArn,
    AuthFlow authFlow,
    Optional<URI> endpointUrl,
    List<String> registries,
    Optional<URI> ecrEndpointUrl) {

  public CognitoProfile {
    registries = List.copyOf(registries);
  }

  /** A profile that serves no registry by name and asks ECR at its standard endpoint. */
  public CognitoProfile(
      String name,
      String region,
      String userPoolId,
      String clientId,
      Optional<String> clientSecret,
      String identityPoolId,
      Optional<String> roleArn,
      AuthFlow authFlow,
      Optional<URI> endpointUrl) {
    this(
        name,
        region,
        userPoolId,
        clientId,
        clientSecret,
        identityPoolId,
        roleArn,
        authFlow,
        endpointUrl,
        List.of(),
        Optional.empty());
  }

  /** The part of the user pool id after the region, which SRP calls the pool name. */
  public String userPoolName() {
    return userPoolId.substring(userPoolId.indexOf('_') + 1);
  }

  public String userPoolRegion() {
    return userPoolId.substring(0, userPoolId.indexOf('_'));
  }

  public String identityPoolRegion() {
    return identityPoolId.substring(0, identityPoolId.indexOf(':'));
  }

  /** The key of the identity pool's {@code Logins} map for this user pool. */
  public String loginsKey() {
    return "cognito-idp." + userPoolRegion() + ".amazonaws.com/" + userPoolId;
  }

  /** The AWS account the credentials belong to, when the configured role names it. */
  public Optional<String> accountId() {
    return roleArn
        .map(arn -> arn.split(":", 6))
        .filter(parts -> parts.length == 6)
        .map(parts -> parts[4]);
  }

  @Override
  public String toString() {
    // the record's default toString would print the client secret
    return "CognitoProfile[" + name + ", " + userPoolId + ", " + clientId + "]";
  }
}

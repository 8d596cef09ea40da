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
    Optional<URI> ecrEndpointUrl,
    BrowserLogin browser) {

  public CognitoProfile {
    registries = List.copyOf(registries);
  }

  /** A profile that signs in with a password only. */
  public CognitoProfile(
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
        registries,
        ecrEndpointUrl,
        BrowserLogin.none());
  }

  /**
   * A profile that signs in with a password only, serves no registry by name and asks ECR at its
   * standard endpoint.
   */
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
        Optional.empty(),
        BrowserLogin.none());
  }

  /**
   * True for an identity pool that trusts an OIDC provider directly: no user pool, {@code
   * userPoolId} is null and {@code clientId} is the provider's client.
   */
  public boolean oidcOnly() {
    return userPoolId == null;
  }

  /** The part of the user pool id after the region, which SRP calls the pool name. */
  public String userPoolName() {
    return userPoolId.substring(userPoolId.indexOf('_') + 1);
  }

  /** The user pool's region (the identity pool's for a profile without a user pool). */
  public String userPoolRegion() {
    return oidcOnly() ? identityPoolRegion() : userPoolId.substring(0, userPoolId.indexOf('_'));
  }

  public String identityPoolRegion() {
    return identityPoolId.substring(0, identityPoolId.indexOf(':'));
  }

  /** The key of the identity pool's {@code Logins} map for this user pool. */
  public String loginsKey() {
    if (oidcOnly()) {
      return browser.oidcLoginsKey().orElseThrow();
    }
    return "cognito-idp." + userPoolRegion() + ".amazonaws.com/" + userPoolId;
  }

  /** The {@code iss} of the user pool's tokens. */
  public String userPoolIssuer() {
    return "https://" + loginsKey();
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
    return "CognitoProfile["
        + name
        + ", "
        + (oidcOnly() ? browser.oidcIssuer().orElseThrow() : userPoolId)
        + ", "
        + clientId
        + "]";
  }
}

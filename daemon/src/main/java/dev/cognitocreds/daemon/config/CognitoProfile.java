package dev.cognitocreds.daemon.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
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

  /**
   * A profile built field by field, for code that knows only some of them (the config file's reader
   * uses the canonical constructor): no client secret, role, endpoint, registry, ECR endpoint or
   * browser sign-in unless set.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link CognitoProfile}; every optional field starts empty. */
  public static final class Builder {
    private final String name;
    private String region;
    private String userPoolId;
    private String clientId;
    private Optional<String> clientSecret = Optional.empty();
    private String identityPoolId;
    private Optional<String> roleArn = Optional.empty();
    private AuthFlow authFlow = AuthFlow.USER_SRP_AUTH;
    private Optional<URI> endpointUrl = Optional.empty();
    private List<String> registries = List.of();
    private Optional<URI> ecrEndpointUrl = Optional.empty();
    private BrowserLogin browser = BrowserLogin.none();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder userPoolId(String userPoolId) {
      this.userPoolId = userPoolId;
      return this;
    }

    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    public Builder clientSecret(String clientSecret) {
      this.clientSecret = Optional.of(clientSecret);
      return this;
    }

    public Builder identityPoolId(String identityPoolId) {
      this.identityPoolId = identityPoolId;
      return this;
    }

    public Builder roleArn(String roleArn) {
      this.roleArn = Optional.of(roleArn);
      return this;
    }

    public Builder authFlow(AuthFlow authFlow) {
      this.authFlow = Objects.requireNonNull(authFlow);
      return this;
    }

    public Builder endpointUrl(URI endpointUrl) {
      this.endpointUrl = Optional.of(endpointUrl);
      return this;
    }

    public Builder registries(List<String> registries) {
      this.registries = registries;
      return this;
    }

    public Builder ecrEndpointUrl(URI ecrEndpointUrl) {
      this.ecrEndpointUrl = Optional.of(ecrEndpointUrl);
      return this;
    }

    public Builder browser(BrowserLogin browser) {
      this.browser = Objects.requireNonNull(browser);
      return this;
    }

    public CognitoProfile build() {
      return new CognitoProfile(
          name,
          Objects.requireNonNull(region, "region"),
          userPoolId,
          Objects.requireNonNull(clientId, "clientId"),
          clientSecret,
          Objects.requireNonNull(identityPoolId, "identityPoolId"),
          roleArn,
          authFlow,
          endpointUrl,
          registries,
          ecrEndpointUrl,
          browser);
    }
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

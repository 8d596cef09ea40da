package dev.cognitocreds.publisher.license;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/** Grants and revokes a user's licence: the {@code custom:isLicensed} attribute. */
public final class Licences {

  private final CognitoIdentityProviderClient userPools;
  private final CognitoIdentityClient identityPools;
  private final String userPoolId;
  private final Optional<String> clientId;
  private final Optional<String> identityPoolId;
  private final Clock clock;

  public Licences(
      CognitoIdentityProviderClient userPools,
      CognitoIdentityClient identityPools,
      String userPoolId,
      Optional<String> clientId,
      Optional<String> identityPoolId,
      Clock clock) {
    this.userPools = userPools;
    this.identityPools = identityPools;
    this.userPoolId = userPoolId;
    this.clientId = clientId;
    this.identityPoolId = identityPoolId;
    this.clock = clock;
  }

  public void grant(String username) {
    set(username, LicenceAttribute.LICENSED);
  }

  /**
   * Sets the attribute to not licensed and, unless {@code keepSessions}, ends every refresh token
   * of the user (AdminUserGlobalSignOut).
   */
  public AccessWindow revoke(String username, boolean keepSessions) {
    set(username, LicenceAttribute.NOT_LICENSED);
    if (!keepSessions) {
      userPools.adminUserGlobalSignOut(r -> r.userPoolId(userPoolId).username(username));
    }
    return new AccessWindow(
        clock.instant(),
        !keepSessions,
        serverSideTokenCheck(),
        idTokenLifetime(),
        AccessWindow.ENHANCED_FLOW_CREDENTIALS);
  }

  private void set(String username, String value) {
    userPools.adminUpdateUserAttributes(
        r ->
            r.userPoolId(userPoolId)
                .username(username)
                .userAttributes(
                    AttributeType.builder().name(LicenceAttribute.NAME).value(value).build()));
  }

  /** The longest ID token lifetime among the app clients this user pool signs users in with. */
  private Optional<Duration> idTokenLifetime() {
    List<String> clients = new ArrayList<>();
    clientId.ifPresent(clients::add);
    if (clients.isEmpty()) {
      trustedProviders().stream()
          .filter(p -> p.providerName().endsWith("/" + userPoolId))
          .map(CognitoIdentityProvider::clientId)
          .forEach(clients::add);
    }
    if (clients.isEmpty()) {
      return Optional.empty();
    }
    Duration longest = Duration.ZERO;
    for (String client : clients) {
      UserPoolClientType described =
          userPools
              .describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(client))
              .userPoolClient();
      Duration lifetime = idTokenLifetime(described);
      longest = lifetime.compareTo(longest) > 0 ? lifetime : longest;
    }
    return Optional.of(longest);
  }

  /** Cognito's default is one hour; the unit applies to the value given. */
  static Duration idTokenLifetime(UserPoolClientType client) {
    Integer value = client.idTokenValidity();
    if (value == null) {
      return Duration.ofHours(1);
    }
    TimeUnitsType unit =
        client.tokenValidityUnits() == null ? null : client.tokenValidityUnits().idToken();
    if (unit == null) {
      return Duration.ofHours(value);
    }
    return switch (unit) {
      case SECONDS -> Duration.ofSeconds(value);
      case MINUTES -> Duration.ofMinutes(value);
      case DAYS -> Duration.ofDays(value);
      default -> Duration.ofHours(value);
    };
  }

  private boolean serverSideTokenCheck() {
    return !trustedProviders().isEmpty()
        && trustedProviders().stream()
            .filter(p -> p.providerName().endsWith("/" + userPoolId))
            .allMatch(p -> Boolean.TRUE.equals(p.serverSideTokenCheck()));
  }

  private List<CognitoIdentityProvider> trustedProviders() {
    return identityPoolId
        .map(
            id ->
                identityPools
                    .describeIdentityPool(r -> r.identityPoolId(id))
                    .cognitoIdentityProviders())
        .orElse(List.of());
  }
}

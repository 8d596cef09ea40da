package dev.cognitocreds.publisher.users;

import dev.cognitocreds.publisher.license.LicenceAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The users of one pool: created (Cognito mails each a temporary password), imported, listed. */
public final class UserDirectory {

  private final CognitoIdentityProviderClient cognito;
  private final String userPoolId;

  public UserDirectory(CognitoIdentityProviderClient cognito, String userPoolId) {
    this.cognito = cognito;
    this.userPoolId = userPoolId;
  }

  /**
   * Creates the user; false when one of that name exists (it is left as it is). Cognito sends the
   * invitation with a temporary password to the e-mail address.
   */
  public boolean add(NewUser user) {
    Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
    attributes.put("email", user.email());
    attributes.put("email_verified", "true");
    attributes.put(LicenceAttribute.NAME, LicenceAttribute.value(user.licensed()));
    try {
      cognito.adminCreateUser(
          r ->
              r.userPoolId(userPoolId)
                  .username(user.username())
                  .desiredDeliveryMediums(DeliveryMediumType.EMAIL)
                  .userAttributes(
                      attributes.entrySet().stream()
                          .map(
                              e ->
                                  AttributeType.builder()
                                      .name(e.getKey())
                                      .value(e.getValue())
                                      .build())
                          .toList()));
      return true;
    } catch (UsernameExistsException e) {
      return false;
    }
  }

  /** Each row on its own: a bad or refused row is reported and the others go on. */
  public List<RowOutcome> importRows(List<ImportRow> rows) {
    List<RowOutcome> outcomes = new ArrayList<>();
    for (ImportRow row : rows) {
      if (row.problem().isPresent()) {
        outcomes.add(
            new RowOutcome(
                row.line(), row.username(), RowOutcome.Result.FAILED, row.problem().get()));
        continue;
      }
      try {
        boolean created =
            add(new NewUser(row.username(), row.email(), row.licensed(), row.attributes()));
        outcomes.add(
            created
                ? new RowOutcome(
                    row.line(),
                    row.username(),
                    RowOutcome.Result.CREATED,
                    row.licensed() ? "licensed" : "not licensed")
                : new RowOutcome(
                    row.line(),
                    row.username(),
                    RowOutcome.Result.UNCHANGED,
                    "already exists (left as it is)"));
      } catch (AwsServiceException e) {
        outcomes.add(
            new RowOutcome(
                row.line(), row.username(), RowOutcome.Result.FAILED, CognitoMessages.of(e)));
      }
    }
    return outcomes;
  }

  public List<UserSummary> list() {
    List<UserSummary> users = new ArrayList<>();
    cognito
        .listUsersPaginator(r -> r.userPoolId(userPoolId))
        .users()
        .forEach(u -> users.add(summary(u)));
    return users;
  }

  private static UserSummary summary(UserType user) {
    Map<String, String> attributes = new LinkedHashMap<>();
    user.attributes().forEach(a -> attributes.put(a.name(), a.value()));
    return new UserSummary(
        user.username(),
        Optional.ofNullable(attributes.get("email")),
        user.userStatusAsString(),
        Boolean.TRUE.equals(user.enabled()),
        LicenceAttribute.LICENSED.equals(attributes.get(LicenceAttribute.NAME)),
        user.userCreateDate(),
        user.userLastModifiedDate());
  }
}

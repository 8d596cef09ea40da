package dev.cognitocreds.daemon.account;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.UpstreamFailures;
import dev.cognitocreds.daemon.auth.ChallengeField;
import dev.cognitocreds.daemon.auth.SecretHash;
import dev.cognitocreds.daemon.auth.UserAttributes;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;

/**
 * The user-pool calls a person makes for their own account, without AWS credentials: sign-up and
 * its confirmation, password reset, password change. Passwords pass through and are never kept.
 */
public final class UserPoolAccounts {

  private final Function<CognitoProfile, CognitoIdentityProviderClient> clients;

  public UserPoolAccounts(Function<CognitoProfile, CognitoIdentityProviderClient> clients) {
    this.clients = clients;
  }

  /** SignUp; a missing required attribute comes back as the fields to ask, not as an error. */
  public SignUpResult signUp(
      CognitoProfile profile, String username, String password, Map<String, String> attributes) {
    List<AttributeType> sent =
        attributes.entrySet().stream()
            .filter(entry -> UserAttributes.writable(entry.getKey()))
            .map(
                entry ->
                    AttributeType.builder().name(entry.getKey()).value(entry.getValue()).build())
            .toList();
    SignUpResponse response;
    try {
      response =
          clients
              .apply(profile)
              .signUp(
                  request ->
                      request
                          .clientId(profile.clientId())
                          .secretHash(SecretHash.of(profile, username).orElse(null))
                          .username(username)
                          .password(password)
                          .userAttributes(sent));
    } catch (SdkException e) {
      List<String> missing =
          UpstreamFailures.hasCode(e, "InvalidParameterException")
              ? MissingAttributes.in(UpstreamFailures.message(e))
              : List.of();
      if (!missing.isEmpty() && missing.stream().noneMatch(attributes::containsKey)) {
        return new SignUpResult.AttributesRequired(
            missing.stream()
                .map(
                    name ->
                        new ChallengeField(
                            name, UserAttributes.label(name), false, false, List.of()))
                .toList());
      }
      if (UpstreamFailures.hasCode(e, "UsernameExistsException")) {
        throw AccountFailures.rejected(
            "UsernameExistsException",
            "an account named "
                + username
                + " exists already: sign in with `cognito-creds login --profile "
                + profile.name()
                + "`, or run `cognito-creds reset-password --profile "
                + profile.name()
                + "` if you forgot its"
                + " password, or `cognito-creds signup --confirm --profile "
                + profile.name()
                + "` if it was never confirmed");
      }
      throw AccountFailures.of(e, "SignUp", resend(profile, username));
    }
    if (Boolean.TRUE.equals(response.userConfirmed())) {
      return new SignUpResult.Confirmed();
    }
    return new SignUpResult.ConfirmationSent(CodeDelivery.of(response.codeDeliveryDetails()));
  }

  public void confirmSignUp(CognitoProfile profile, String username, String code) {
    try {
      clients
          .apply(profile)
          .confirmSignUp(
              request ->
                  request
                      .clientId(profile.clientId())
                      .secretHash(SecretHash.of(profile, username).orElse(null))
                      .username(username)
                      .confirmationCode(code));
    } catch (SdkException e) {
      throw AccountFailures.of(e, "ConfirmSignUp", resend(profile, username));
    }
  }

  public CodeDelivery resendConfirmationCode(CognitoProfile profile, String username) {
    try {
      return CodeDelivery.of(
          clients
              .apply(profile)
              .resendConfirmationCode(
                  request ->
                      request
                          .clientId(profile.clientId())
                          .secretHash(SecretHash.of(profile, username).orElse(null))
                          .username(username))
              .codeDeliveryDetails());
    } catch (SdkException e) {
      throw AccountFailures.of(e, "ResendConfirmationCode", resend(profile, username));
    }
  }

  public CodeDelivery forgotPassword(CognitoProfile profile, String username) {
    try {
      return CodeDelivery.of(
          clients
              .apply(profile)
              .forgotPassword(
                  request ->
                      request
                          .clientId(profile.clientId())
                          .secretHash(SecretHash.of(profile, username).orElse(null))
                          .username(username))
              .codeDeliveryDetails());
    } catch (SdkException e) {
      throw AccountFailures.of(e, "ForgotPassword", reset(profile, username));
    }
  }

  public void confirmForgotPassword(
      CognitoProfile profile, String username, String code, String newPassword) {
    try {
      clients
          .apply(profile)
          .confirmForgotPassword(
              request ->
                  request
                      .clientId(profile.clientId())
                      .secretHash(SecretHash.of(profile, username).orElse(null))
                      .username(username)
                      .confirmationCode(code)
                      .password(newPassword));
    } catch (SdkException e) {
      throw AccountFailures.of(e, "ConfirmForgotPassword", reset(profile, username));
    }
  }

  /** ChangePassword with the signed-in user's access token. */
  public void changePassword(
      CognitoProfile profile, String accessToken, String oldPassword, String newPassword) {
    try {
      clients
          .apply(profile)
          .changePassword(
              request ->
                  request
                      .accessToken(accessToken)
                      .previousPassword(oldPassword)
                      .proposedPassword(newPassword));
    } catch (SdkException e) {
      if (UpstreamFailures.hasCode(e, "NotAuthorizedException")
          && UpstreamFailures.message(e).contains("password")) {
        throw new Failure(
            Failure.Kind.SIGN_IN_REFUSED,
            "NotAuthorizedException",
            "the current password is wrong: nothing was changed");
      }
      throw AccountFailures.of(
          e, "ChangePassword", "cognito-creds passwd --profile " + profile.name());
    }
  }

  private static String resend(CognitoProfile profile, String username) {
    return "cognito-creds signup --resend --profile " + profile.name() + " --username " + username;
  }

  private static String reset(CognitoProfile profile, String username) {
    return "cognito-creds reset-password --profile " + profile.name() + " --username " + username;
  }
}

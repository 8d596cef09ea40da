package dev.cognitocreds.daemon.account;

import java.util.Map;

/**
 * The account chores the routes offer, by profile name; every method throws {@link
 * dev.cognitocreds.daemon.Failure}.
 */
public interface Accounts {

  SignUpResult signUp(
      String profile, String username, String password, Map<String, String> attributes);

  void confirmSignUp(String profile, String username, String code);

  CodeDelivery resendConfirmationCode(String profile, String username);

  CodeDelivery forgotPassword(String profile, String username);

  void confirmForgotPassword(String profile, String username, String code, String newPassword);

  /** Needs the profile to be signed in: Cognito takes the access token of that sign-in. */
  void changePassword(String profile, String oldPassword, String newPassword);
}

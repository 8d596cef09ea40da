package dev.cognitocreds.daemon.account;

import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Accounts} on the configured profiles: finds the profile, logs the chore (never a secret),
 * calls Cognito.
 */
public final class AccountService implements Accounts {

  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  private final Function<String, CognitoProfile> profiles;
  private final Function<String, String> accessTokens;
  private final UserPoolAccounts userPool;

  /**
   * {@code profiles} resolves a name (throwing ProfileNotFound), {@code accessTokens} gives a
   * signed-in profile's current access token (throwing SignedOut).
   */
  public AccountService(
      Function<String, CognitoProfile> profiles,
      Function<String, String> accessTokens,
      UserPoolAccounts userPool) {
    this.profiles = profiles;
    this.accessTokens = accessTokens;
    this.userPool = userPool;
  }

  @Override
  public SignUpResult signUp(
      String profile, String username, String password, Map<String, String> attributes) {
    CognitoProfile config = profiles.apply(profile);
    log.info(
        "profile {}: sign-up of {} with attributes {}", profile, username, attributes.keySet());
    SignUpResult result = userPool.signUp(config, username, password, attributes);
    log.info("profile {}: sign-up of {}: {}", profile, username, result.getClass().getSimpleName());
    return result;
  }

  @Override
  public void confirmSignUp(String profile, String username, String code) {
    CognitoProfile config = profiles.apply(profile);
    log.info("profile {}: confirming the sign-up of {}", profile, username);
    userPool.confirmSignUp(config, username, code);
  }

  @Override
  public CodeDelivery resendConfirmationCode(String profile, String username) {
    CognitoProfile config = profiles.apply(profile);
    log.info("profile {}: new confirmation code for {}", profile, username);
    return userPool.resendConfirmationCode(config, username);
  }

  @Override
  public CodeDelivery forgotPassword(String profile, String username) {
    CognitoProfile config = profiles.apply(profile);
    log.info("profile {}: password reset of {} requested", profile, username);
    return userPool.forgotPassword(config, username);
  }

  @Override
  public void confirmForgotPassword(
      String profile, String username, String code, String newPassword) {
    CognitoProfile config = profiles.apply(profile);
    log.info("profile {}: password reset of {} confirmed with its code", profile, username);
    userPool.confirmForgotPassword(config, username, code, newPassword);
  }

  @Override
  public void changePassword(String profile, String oldPassword, String newPassword) {
    CognitoProfile config = profiles.apply(profile);
    String accessToken = accessTokens.apply(profile);
    log.info("profile {}: password change", profile);
    userPool.changePassword(config, accessToken, oldPassword, newPassword);
  }
}

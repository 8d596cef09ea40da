package dev.cognitocreds.e2e.harness;

import dev.cognitocreds.localcognito.LocalCognito;
import dev.cognitocreds.localcognito.Seed;
import java.net.URI;
import java.util.function.Function;

/**
 * A publisher who turned the user pool's security on: pool {@link #OPTIONAL_POOL} offers SMS,
 * e-mail and authenticator codes (MFA optional), lets people sign up (e-mail and given name
 * required, codes by e-mail) and has one seeded user per challenge; pool {@link #REQUIRED_POOL}
 * requires MFA, so a user without a factor must set up an authenticator at the first sign-in. One
 * identity pool trusts both.
 */
public final class MfaPools {

  public static final String OPTIONAL_POOL = "us-east-2_MFAoptnl1";
  public static final String OPTIONAL_CLIENT = "mfaoptionalclient00000000a";
  public static final String REQUIRED_POOL = "us-east-2_MFArequir1";
  public static final String REQUIRED_CLIENT = "mfarequiredclient00000000a";
  public static final String IDENTITY_POOL = "us-east-2:00000000-0000-4000-8000-0000000000f5";
  public static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  /** Every seeded user's password (the temporary one for {@code new-password-user}). */
  public static final String PASSWORD = "Seeded-Passw0rd";

  private static final String CLIENT =
      """
            {"ClientId": "%s", "ClientName": "cli", "AuthSessionValidity": 3,
             "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}""";
  private static final String USER =
      """
            {"Username": "%s", "Password": "%s", "Attributes": {"email": "%s@example.com", "email_verified": "true",
             "given_name": "Seeded", "phone_number": "+15555551234"}%s}""";

  private MfaPools() {}

  public static Seed seed() {
    return Seed.fromJson(
        """
                {"Region": "us-east-2",
                 "UserPools": [
                  {"Id": "%s", "PoolName": "mfa-optional", "MfaConfiguration": "OPTIONAL",
                   "SmsMfaConfiguration": {}, "SoftwareTokenMfaConfiguration": {"Enabled": true}, "EmailMfaConfiguration": {},
                   "AutoVerifiedAttributes": ["email"],
                   "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": true, "RequireLowercase": true,
                                                   "RequireNumbers": true, "RequireSymbols": false}},
                   "Schema": [{"Name": "email", "Required": true}, {"Name": "given_name", "Required": true}],
                   "Clients": [%s],
                   "Users": [%s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
                    {"Username": "new-password-user", "TemporaryPassword": "%s",
                     "Attributes": {"email": "np@example.com", "email_verified": "true"}}]},
                  {"Id": "%s", "PoolName": "mfa-required", "MfaConfiguration": "ON",
                   "SoftwareTokenMfaConfiguration": {"Enabled": true},
                   "Clients": [%s],
                   "Users": [%s]}],
                 "IdentityPools": [
                  {"IdentityPoolId": "%s", "IdentityPoolName": "mfa_ids", "AllowUnauthenticatedIdentities": false,
                   "CognitoIdentityProviders": [
                     {"ProviderName": "cognito-idp.us-east-2.amazonaws.com/%s", "ClientId": "%s"},
                     {"ProviderName": "cognito-idp.us-east-2.amazonaws.com/%s", "ClientId": "%s"}],
                   "Roles": {"authenticated": "arn:aws:iam::111122223333:role/ecr-pull"}}]}
                """
            .formatted(
                OPTIONAL_POOL,
                CLIENT.formatted(OPTIONAL_CLIENT),
                user(
                    "totp-user",
                    ", \"MfaEnabled\": [\"SOFTWARE_TOKEN_MFA\"], \"PreferredMfa\": \"SOFTWARE_TOKEN_MFA\", "
                        + "\"TotpSecret\": \""
                        + TOTP_SECRET
                        + "\""),
                user(
                    "totp-wrong-user",
                    ", \"MfaEnabled\": [\"SOFTWARE_TOKEN_MFA\"], \"TotpSecret\": \""
                        + TOTP_SECRET
                        + "\""),
                user("sms-user", ", \"MfaEnabled\": [\"SMS_MFA\"]"),
                user("email-user", ", \"MfaEnabled\": [\"EMAIL_OTP\"]"),
                user(
                    "choosy-user",
                    ", \"MfaEnabled\": [\"SMS_MFA\", \"SOFTWARE_TOKEN_MFA\"], \"TotpSecret\": \""
                        + TOTP_SECRET
                        + "\""),
                user("reset-required-user", ", \"Status\": \"RESET_REQUIRED\""),
                user("unconfirmed-user", ", \"Status\": \"UNCONFIRMED\""),
                user("passwd-user", ""),
                user("forgot-user", ""),
                user("terminal-user", ""),
                PASSWORD,
                REQUIRED_POOL,
                CLIENT.formatted(REQUIRED_CLIENT),
                user("setup-user", ""),
                IDENTITY_POOL,
                OPTIONAL_POOL,
                OPTIONAL_CLIENT,
                REQUIRED_POOL,
                REQUIRED_CLIENT));
  }

  private static String user(String name, String extra) {
    return USER.formatted(name, PASSWORD, name, extra);
  }

  /**
   * local-cognito with this seed and an installation whose config {@code configFor} writes for its
   * endpoint.
   */
  public static LocalCognitoInstallation installation(
      String name, Function<URI, String> configFor) {
    return LocalCognitoInstallation.start(
        name, LocalCognito.builder().port(0).seed(seed()).start(), configFor);
  }

  /** A profile for the pool where MFA is optional. */
  public static CognitoProfile optional(String profile, URI endpoint) {
    return CognitoProfile.of(
        profile, DemoPool.REGION, OPTIONAL_POOL, OPTIONAL_CLIENT, IDENTITY_POOL, endpoint);
  }

  /** A profile for the pool where MFA is required. */
  public static CognitoProfile required(String profile, URI endpoint) {
    return CognitoProfile.of(
        profile, DemoPool.REGION, REQUIRED_POOL, REQUIRED_CLIENT, IDENTITY_POOL, endpoint);
  }
}

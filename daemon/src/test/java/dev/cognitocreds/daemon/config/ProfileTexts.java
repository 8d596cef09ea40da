package dev.cognitocreds.daemon.config;

/** Profiles of the AWS config file as the tests write them. */
public final class ProfileTexts {

  private ProfileTexts() {}

  /** The smallest valid cognito profile named {@code name}, ending with a new line. */
  public static String cognitoProfile(String name) {
    return """
        [profile %s]
        cognito_user_pool_id = us-east-2_AbC123
        cognito_client_id = client1
        cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
        """
        .formatted(name);
  }
}

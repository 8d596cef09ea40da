package dev.cognitocreds.e2e.harness;

import java.net.URI;

/**
 * The pools of local-cognito's bundled demo seed ({@code --demo}, {@code
 * LocalCognito.builder().demo()}).
 */
public final class DemoPool {

  public static final String REGION = "us-east-2";
  public static final String USER_POOL_ID = "us-east-2_DEMOpool1";
  public static final String CLIENT_ID = "demo0client0id0000000000aa";
  public static final String IDENTITY_POOL_ID = "us-east-2:00000000-0000-4000-8000-000000000001";
  public static final String USER = "licensed-user";
  public static final String TEMPORARY_PASSWORD = "TempPassw0rd!";
  public static final String LICENSED_ROLE_ARN = "arn:aws:iam::111122223333:role/ecr-pull-licensed";
  public static final String ACCOUNT_ID = "111122223333";

  private DemoPool() {}

  public static CognitoProfile profile(String name, URI localCognito) {
    return CognitoProfile.of(name, REGION, USER_POOL_ID, CLIENT_ID, IDENTITY_POOL_ID, localCognito);
  }
}

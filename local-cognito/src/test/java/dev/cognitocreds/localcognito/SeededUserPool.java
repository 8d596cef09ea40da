package dev.cognitocreds.localcognito;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * One local Cognito per test class, seeded with {@link TestSeeds}, on a clock the class moves by
 * hand, and an SDK user-pool client pointed at it. Register as a static {@code @RegisterExtension}.
 */
final class SeededUserPool implements BeforeAllCallback, AfterAllCallback {
  private final MutableClock clock = MutableClock.startingNow();
  private LocalCognito cognito;
  private CognitoIdentityProviderClient idp;

  @Override
  public void beforeAll(ExtensionContext context) {
    cognito = LocalCognito.builder().seed(TestSeeds.seed()).clock(clock).start();
    idp = Sdk.userPools(cognito.endpoint());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    idp.close();
    cognito.close();
  }

  MutableClock clock() {
    return clock;
  }

  LocalCognito cognito() {
    return cognito;
  }

  CognitoIdentityProviderClient idp() {
    return idp;
  }
}

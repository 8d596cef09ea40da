package dev.cognitocreds.daemon;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** A user-pool client whose operations all throw until a test overrides the ones it needs. */
public abstract class StubUserPoolClient implements CognitoIdentityProviderClient {

  @Override
  public String serviceName() {
    return "cognito-idp";
  }

  @Override
  public void close() {}
}

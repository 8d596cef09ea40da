package dev.cognitocreds.localcognito;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

/** Sign-in steps shared by the tests, through the AWS SDK. */
final class SignIn {
  private SignIn() {}

  static InitiateAuthResponse password(
      CognitoIdentityProviderClient idp, String clientId, String username, String password) {
    return idp.initiateAuth(
        r ->
            r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
  }

  static AuthenticationResultType tokens(
      CognitoIdentityProviderClient idp, String clientId, String username, String password) {
    return password(idp, clientId, username, password).authenticationResult();
  }

  static RespondToAuthChallengeResponse srp(
      CognitoIdentityProviderClient idp,
      String poolId,
      String clientId,
      String username,
      String password,
      Instant now) {
    SrpTestClient srp = new SrpTestClient(poolId);
    InitiateAuthResponse challenge =
        idp.initiateAuth(
            r ->
                r.clientId(clientId)
                    .authFlow(AuthFlowType.USER_SRP_AUTH)
                    .authParameters(Map.of("USERNAME", username, "SRP_A", srp.srpA())));
    return idp.respondToAuthChallenge(
        r ->
            r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(srp.respond(challenge.challengeParameters(), password, now)));
  }
}

package dev.cognitocreds.daemon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.StubUserPoolClient;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChangePasswordResponse;

/**
 * The profile and the signed-in session behind a chore: which pool, which access token, and when
 * there is none.
 */
class AccountServiceTest {

  private static final CognitoProfile ACME =
      CognitoProfile.builder("acme")
          .region("us-east-2")
          .userPoolId("us-east-2_Pool1")
          .clientId("client1")
          .identityPoolId("us-east-2:00000000-0000-4000-8000-000000000001")
          .authFlow(AuthFlow.USER_SRP_AUTH)
          .build();

  private final List<ChangePasswordRequest> changes = new ArrayList<>();
  private final List<CognitoProfile> poolsUsed = new ArrayList<>();
  private final CognitoIdentityProviderClient pool =
      new StubUserPoolClient() {
        @Override
        public ChangePasswordResponse changePassword(ChangePasswordRequest request) {
          changes.add(request);
          return ChangePasswordResponse.builder().build();
        }
      };

  private final AccountService service =
      new AccountService(
          name -> {
            if (name.equals("beta")) {
              throw Failure.profileNotFound("no profile " + name);
            }
            return ACME;
          },
          name -> {
            if (!name.equals("acme")) {
              throw Failure.signedOut(name);
            }
            return "access-of-acme";
          },
          new UserPoolAccounts(
              profile -> {
                poolsUsed.add(profile);
                return pool;
              }));

  @Test
  void changePasswordUsesTheProfilesPoolAndItsSignedInAccessToken() {
    service.changePassword("acme", "Old#Pass1", "New#Pass1");

    assertThat(poolsUsed).containsExactly(ACME);
    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.accessToken()).isEqualTo("access-of-acme");
              assertThat(change.proposedPassword()).isEqualTo("New#Pass1");
            });
  }

  @Test
  void anUnknownProfileOrOneSignedOutNeverReachesCognito() {
    assertThatThrownBy(() -> service.forgotPassword("beta", "bob"))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.PROFILE_NOT_FOUND));
    assertThatThrownBy(() -> service.changePassword("gone", "a", "b"))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.SIGNED_OUT));

    assertThat(poolsUsed).isEmpty();
    assertThat(changes).isEmpty();
  }
}

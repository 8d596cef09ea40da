package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.CHECKING_IDENTITY_POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PROVIDER;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.RULES_IDENTITY_POOL;
import static dev.cognitocreds.localcognito.TestSeeds.SHORT_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.TOKEN_IDENTITY_POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

class IdentityPoolTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static LocalCognito cognito;
  private static CognitoIdentityProviderClient idp;
  private static CognitoIdentityClient identity;

  @BeforeAll
  static void start() {
    cognito =
        LocalCognito.builder()
            .seed(TestSeeds.seed())
            .clock(CLOCK)
            .credentialLifetime(Duration.ofMinutes(15))
            .start();
    idp = Sdk.userPools(cognito.endpoint());
    identity = Sdk.identityPools(cognito.endpoint());
  }

  @AfterAll
  static void stop() {
    identity.close();
    idp.close();
    cognito.close();
  }

  @Test
  void getIdIsStablePerUserAndCredentialsAreFreshEachTime() {
    Map<String, String> logins = logins("alice", "Alice-Passw0rd!");
    String first = getId(RULES_IDENTITY_POOL, logins);
    String again = getId(RULES_IDENTITY_POOL, logins("alice", "Alice-Passw0rd!"));
    String other = getId(RULES_IDENTITY_POOL, logins("erin", "Erin-Passw0rd!"));

    assertThat(again).isEqualTo(first).startsWith("us-east-2:");
    assertThat(other).isNotEqualTo(first);
    Credentials one = credentials(first, logins, null);
    Credentials two = credentials(first, logins, null);
    assertThat(one.accessKeyId()).matches("ASIA[A-Z2-7]{16}").isNotEqualTo(two.accessKeyId());
    assertThat(one.secretKey()).isNotBlank();
    assertThat(one.sessionToken()).isNotBlank();
    assertThat(one.expiration())
        .isEqualTo(
            CLOCK
                .instant()
                .plus(Duration.ofMinutes(15))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void rulesMappingPicksTheRoleByClaimElseTheAuthenticatedRole() {
    Map<String, String> licensed = logins("alice", "Alice-Passw0rd!");
    Map<String, String> unlicensed = logins("erin", "Erin-Passw0rd!");

    assertThat(roleOf(credentials(getId(RULES_IDENTITY_POOL, licensed), licensed, null)))
        .isEqualTo("arn:aws:iam::111122223333:role/licensed-by-rule");
    assertThat(roleOf(credentials(getId(RULES_IDENTITY_POOL, unlicensed), unlicensed, null)))
        .isEqualTo("arn:aws:iam::111122223333:role/default-authenticated");
  }

  @Test
  void tokenMappingUsesCustomRoleArnFromCognitoRolesElseThePreferredRole() {
    Map<String, String> logins = logins("alice", "Alice-Passw0rd!");
    String id = getId(TOKEN_IDENTITY_POOL, logins);

    assertThat(roleOf(credentials(id, logins, null)))
        .isEqualTo("arn:aws:iam::111122223333:role/licensed");
    assertThat(roleOf(credentials(id, logins, "arn:aws:iam::111122223333:role/support")))
        .isEqualTo("arn:aws:iam::111122223333:role/support");
    assertThatThrownBy(() -> credentials(id, logins, "arn:aws:iam::111122223333:role/admin"))
        .hasMessageContaining("CustomRoleArn");
  }

  @Test
  void tokenMappingWithoutARoleInTheTokenAndDenyRefuses() {
    Map<String, String> logins = logins("erin", "Erin-Passw0rd!");
    String id = getId(TOKEN_IDENTITY_POOL, logins);

    assertThatThrownBy(() -> credentials(id, logins, null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("ambiguous role mapping rules");
  }

  @Test
  void expiredIdTokenIsRefusedWithCognitosMessage() {
    String idToken = SignIn.tokens(idp, SHORT_CLIENT, "alice", "Alice-Passw0rd!").idToken();
    Map<String, String> logins = logins("alice", "Alice-Passw0rd!");
    String id = getId(TOKEN_IDENTITY_POOL, logins);
    CLOCK.advance(Duration.ofSeconds(91));
    long now = CLOCK.instant().getEpochSecond();

    assertThatThrownBy(() -> credentials(id, Map.of(PROVIDER, idToken), null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token. Token expired: " + now + " >= " + (now - 1));
  }

  @Test
  void idTokenForAnotherAudienceOrAnAccessTokenIsRefused() {
    String otherAudience = SignIn.tokens(idp, SHORT_CLIENT, "alice", "Alice-Passw0rd!").idToken();
    String accessToken =
        SignIn.tokens(idp, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").accessToken();

    assertThatThrownBy(() -> getId(RULES_IDENTITY_POOL, Map.of(PROVIDER, otherAudience)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("Incorrect token audience");
    assertThatThrownBy(() -> getId(RULES_IDENTITY_POOL, Map.of(PROVIDER, accessToken)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token.");
  }

  @Test
  void forgedTokenAndUnknownProviderAreRefused() throws Exception {
    String idToken = SignIn.tokens(idp, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!").idToken();
    String[] parts = idToken.split("\\.", -1);
    String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    assertThatThrownBy(() -> getId(RULES_IDENTITY_POOL, Map.of(PROVIDER, forged)))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(
            () ->
                getId(
                    RULES_IDENTITY_POOL,
                    Map.of("cognito-idp.us-east-2.amazonaws.com/us-east-2_Other", idToken)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Token is not from a supported provider of this identity pool.");
  }

  @Test
  void loginsOfAnotherUserDoNotMatchTheIdentity() {
    String aliceId = getId(RULES_IDENTITY_POOL, logins("alice", "Alice-Passw0rd!"));

    assertThatThrownBy(() -> credentials(aliceId, logins("erin", "Erin-Passw0rd!"), null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Logins don't match.");
  }

  @Test
  void authenticatedIdentityWithoutLoginsIsForbidden() {
    String id = getId(RULES_IDENTITY_POOL, logins("alice", "Alice-Passw0rd!"));

    assertThatThrownBy(() -> credentials(id, Map.of(), null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Access to Identity '" + id + "' is forbidden.");
  }

  @Test
  void serverSideTokenCheckRefusesTokensOfASignedOutUserOtherPoolsStillAcceptThem() {
    var tokens = SignIn.tokens(idp, PUBLIC_CLIENT, "erin", "Erin-Passw0rd!");
    Map<String, String> logins = Map.of(PROVIDER, tokens.idToken());
    String checked = getId(CHECKING_IDENTITY_POOL, logins);
    assertThat(credentials(checked, logins, null).accessKeyId()).startsWith("ASIA");

    idp.globalSignOut(r -> r.accessToken(tokens.accessToken()));

    assertThatThrownBy(() -> credentials(checked, logins, null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token.");
    String unchecked = getId(RULES_IDENTITY_POOL, logins);
    assertThat(credentials(unchecked, logins, null).accessKeyId()).startsWith("ASIA");
  }

  @Test
  void serverSideTokenCheckRefusesEveryExchangeAfterAnAdminGlobalSignOutAndANewSignInWorks() {
    Map<String, String> logins = logins("erin", "Erin-Passw0rd!");
    String checked = getId(CHECKING_IDENTITY_POOL, logins);
    identity.getOpenIdToken(r -> r.identityId(checked).logins(logins));

    // what `cognito-creds-publisher license revoke` does
    idp.adminUserGlobalSignOut(r -> r.userPoolId(TestSeeds.POOL).username("erin"));

    assertThatThrownBy(() -> getId(CHECKING_IDENTITY_POOL, logins))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token. Token has been revoked.");
    assertThatThrownBy(() -> credentials(checked, logins, null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token. Token has been revoked.");
    assertThatThrownBy(() -> identity.getOpenIdToken(r -> r.identityId(checked).logins(logins)))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Invalid login token. Token has been revoked.");
    Map<String, String> again = logins("erin", "Erin-Passw0rd!");
    assertThat(credentials(getId(CHECKING_IDENTITY_POOL, again), again, null).accessKeyId())
        .startsWith("ASIA");
  }

  @Test
  void unauthenticatedIdentitiesOnlyWhereAllowed() {
    assertThatThrownBy(() -> getId(RULES_IDENTITY_POOL, Map.of()))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageStartingWith("Unauthenticated access is not supported for this identity pool.");
    String guest = getId(TOKEN_IDENTITY_POOL, Map.of());
    assertThat(roleOf(credentials(guest, Map.of(), null)))
        .isEqualTo("arn:aws:iam::111122223333:role/guest");
  }

  @Test
  void unknownPoolAndIdentityAreResourceNotFound() {
    assertThatThrownBy(() -> getId("us-east-2:99999999-9999-4999-8999-999999999999", Map.of()))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> credentials("us-east-2:00000000-0000-0000-0000-000000000000", Map.of(), null))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void openIdTokenNamesTheIdentity() throws Exception {
    Map<String, String> logins = logins("alice", "Alice-Passw0rd!");
    String id = getId(RULES_IDENTITY_POOL, logins);

    var response = identity.getOpenIdToken(r -> r.identityId(id).logins(logins));
    var claims = SignedJWT.parse(response.token()).getJWTClaimsSet();

    assertThat(claims.getSubject()).isEqualTo(id);
    assertThat(claims.getAudience()).containsExactly(RULES_IDENTITY_POOL);
    assertThat(claims.getIssuer()).isEqualTo("https://cognito-identity.amazonaws.com");
    assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().minusSeconds(3600));
  }

  private static Map<String, String> logins(String username, String password) {
    return Map.of(PROVIDER, SignIn.tokens(idp, PUBLIC_CLIENT, username, password).idToken());
  }

  private static String getId(String poolId, Map<String, String> logins) {
    return identity.getId(r -> r.identityPoolId(poolId).logins(logins)).identityId();
  }

  private static Credentials credentials(
      String identityId, Map<String, String> logins, String customRoleArn) {
    return identity
        .getCredentialsForIdentity(
            r -> r.identityId(identityId).logins(logins).customRoleArn(customRoleArn))
        .credentials();
  }

  private static String roleOf(Credentials credentials) {
    return cognito.issuedCredentials().stream()
        .filter(c -> c.accessKeyId().equals(credentials.accessKeyId()))
        .findFirst()
        .orElseThrow()
        .roleArn();
  }
}

package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.daemon.FakeCognito;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** The access token's own expiry, which a pool may set far shorter than the ID token's. */
class TokensTest {

  private static final long ISSUED = 1_000;
  private static final String ID_TOKEN = FakeCognito.jwt("sub-1", "alice", ISSUED, ISSUED + 3600);

  @Test
  void theAccessTokensExpiryIsItsExpClaim() {
    Tokens tokens =
        Tokens.from(
            AuthenticationResultType.builder()
                .idToken(ID_TOKEN)
                .accessToken(FakeCognito.jwt("sub-1", "alice", ISSUED, ISSUED + 300))
                .expiresIn(3600)
                .build());

    assertThat(tokens.accessTokenExpiresAt()).isEqualTo(Instant.ofEpochSecond(ISSUED + 300));
    assertThat(tokens.claims().expiresAt()).isEqualTo(Instant.ofEpochSecond(ISSUED + 3600));
  }

  @Test
  void anOpaqueAccessTokenExpiresInExpiresInFromTheIssueOfItsIdToken() {
    Tokens tokens =
        Tokens.from(
            AuthenticationResultType.builder()
                .idToken(ID_TOKEN)
                .accessToken("opaque")
                .expiresIn(300)
                .build());

    assertThat(tokens.accessTokenExpiresAt()).isEqualTo(Instant.ofEpochSecond(ISSUED + 300));
  }

  @Test
  void withoutEitherTheAccessTokenIsTakenToLastAsLongAsTheIdToken() {
    Tokens tokens =
        Tokens.from(
            AuthenticationResultType.builder().idToken(ID_TOKEN).accessToken("opaque").build());

    assertThat(tokens.accessTokenExpiresAt()).isEqualTo(Instant.ofEpochSecond(ISSUED + 3600));
    assertThat(tokens.toString()).doesNotContain("opaque");
  }
}

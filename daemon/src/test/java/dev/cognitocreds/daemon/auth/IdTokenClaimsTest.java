package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.FakeCognito;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdTokenClaimsTest {

  @Test
  void readsTheClaimsTheDaemonNeeds() {
    IdTokenClaims claims = IdTokenClaims.parse(FakeCognito.jwt("sub-1", "alice", 1_000, 4_600));

    assertThat(claims.sub()).isEqualTo("sub-1");
    assertThat(claims.username()).isEqualTo("alice");
    assertThat(claims.issuedAt()).isEqualTo(Instant.ofEpochSecond(1_000));
    assertThat(claims.expiresAt()).isEqualTo(Instant.ofEpochSecond(4_600));
    assertThat(claims.lifetime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesWhatIsNotAJwt() {
    assertThatThrownBy(() -> IdTokenClaims.parse("opaque")).hasMessageContaining("not a JWT");
    assertThatThrownBy(() -> IdTokenClaims.parse("a.!!!.c")).hasMessageContaining("cannot be read");
  }
}

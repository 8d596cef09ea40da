package dev.cognitocreds.localcognito.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  /**
   * RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; authenticator apps show the last six
   * digits.
   */
  private static final String RFC_SECRET =
      Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void matchesTheRfc6238TestVectors() {
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
  }

  @Test
  void acceptsOneStepOfDriftButNotMore() {
    Instant now = Instant.ofEpochSecond(1111111109);

    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isTrue();
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(90)), now)).isFalse();
  }

  @Test
  void secretsAre32Base32CharactersThatRoundTrip() {
    String secret = Totp.newSecret(new SecureRandom());

    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
  }
}

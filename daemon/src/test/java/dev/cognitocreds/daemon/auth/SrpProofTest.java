package dev.cognitocreds.daemon.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the client proof against {@link SrpServer}, a server written from the SRP-6a equations,
 * with its own string-based padHex as amazon-cognito-identity-js writes it.
 */
class SrpProofTest {

  static final String POOL = "DEMOpool1";
  static final String USER_ID = "licensed-user";
  static final String PASSWORD = "TempPassw0rd!";
  static final String SECRET_BLOCK =
      Base64.getEncoder().encodeToString("opaque secret block".getBytes(StandardCharsets.UTF_8));
  static final Instant NOW = Instant.parse("2026-03-05T07:08:09Z");

  @Test
  void signatureMatchesWhatAnIndependentServerComputes() throws Exception {
    Random seeds = new Random(42);
    for (int round = 0; round < 16; round++) {
      BigInteger a = new BigInteger(1024, seeds);
      BigInteger b = new BigInteger(1024, seeds);
      String saltHex = new BigInteger(128, seeds).toString(16);

      SrpProof client = new SrpProof(a);
      BigInteger largeA = new BigInteger(client.publicValueHex(), 16);
      assertThat(largeA).isEqualTo(SrpServer.G.modPow(a, SrpServer.N));

      SrpServer server = new SrpServer(saltHex, b);
      SrpProof.Claim claim =
          client.claim(
              POOL, USER_ID, PASSWORD, saltHex, server.largeB().toString(16), SECRET_BLOCK, NOW);

      assertThat(claim.signature())
          .as("round %d", round)
          .isEqualTo(server.expectedSignature(largeA, NOW));
      assertThat(claim.secretBlock()).isEqualTo(SECRET_BLOCK);
    }
  }

  @Test
  void wrongPasswordGivesAnotherSignature() throws Exception {
    SrpServer server = new SrpServer("a1b2c3", BigInteger.valueOf(987654321));
    SrpProof client = new SrpProof(BigInteger.valueOf(123456789));
    SrpProof.Claim claim =
        client.claim(
            POOL,
            USER_ID,
            "not the password",
            "a1b2c3",
            server.largeB().toString(16),
            SECRET_BLOCK,
            NOW);
    assertThat(claim.signature())
        .isNotEqualTo(server.expectedSignature(new BigInteger(client.publicValueHex(), 16), NOW));
  }

  @Test
  void timestampIsCognitosFormatWithUnpaddedDay() throws Exception {
    SrpProof.Claim claim =
        new SrpProof(BigInteger.TEN)
            .claim(
                POOL,
                USER_ID,
                PASSWORD,
                "01",
                new SrpServer("01", BigInteger.TWO).largeB().toString(16),
                SECRET_BLOCK,
                NOW);
    assertThat(claim.timestamp()).isEqualTo("Thu Mar 5 07:08:09 UTC 2026");
  }

  @Test
  void padHexIsTwosComplementLikeCognito() {
    // the examples in amazon-cognito-identity-js's AuthenticationHelper documentation
    assertThat(SrpProof.padHex(BigInteger.valueOf(-236))).isEqualToIgnoringCase("FF14");
    assertThat(SrpProof.padHex(BigInteger.valueOf(20))).isEqualToIgnoringCase("14");
    assertThat(SrpProof.padHex(BigInteger.valueOf(-200))).isEqualToIgnoringCase("FF38");
    assertThat(SrpProof.padHex(BigInteger.valueOf(236))).isEqualToIgnoringCase("00EC");
    assertThat(SrpProof.padHex(BigInteger.valueOf(-20))).isEqualToIgnoringCase("EC");
    assertThat(SrpProof.padHex(BigInteger.valueOf(200))).isEqualToIgnoringCase("00C8");
  }

  @Test
  void refusesServerValueThatIsZeroModN() {
    SrpProof client = new SrpProof(BigInteger.TEN);
    assertThatThrownBy(
            () ->
                client.claim(
                    POOL, USER_ID, PASSWORD, "01", SrpServer.N.toString(16), SECRET_BLOCK, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.cognitocreds.localcognito.userpool;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The server half of one USER_SRP_AUTH exchange: B from the verifier, then the PASSWORD_VERIFIER
 * check.
 */
final class SrpChallenge {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final BigInteger clientA;
  private final BigInteger serverSecret;
  private final BigInteger serverB;
  private final PasswordVerifier verifier;
  private final byte[] secretBlock;

  private SrpChallenge(
      BigInteger clientA,
      BigInteger serverSecret,
      BigInteger serverB,
      PasswordVerifier verifier,
      byte[] secretBlock) {
    this.clientA = clientA;
    this.serverSecret = serverSecret;
    this.serverB = serverB;
    this.verifier = verifier;
    this.secretBlock = secretBlock;
  }

  /** Returns empty when A mod N is 0, which a client must never send. */
  static Optional<SrpChallenge> start(
      String srpAHex, PasswordVerifier verifier, SecureRandom random) {
    BigInteger a = new BigInteger(srpAHex, 16);
    if (a.mod(Srp.N).signum() == 0) {
      return Optional.empty();
    }
    BigInteger b;
    BigInteger bigB;
    do {
      b = new BigInteger(1024, random);
      bigB = Srp.K.multiply(verifier.verifier()).add(Srp.G.modPow(b, Srp.N)).mod(Srp.N);
    } while (bigB.signum() == 0);
    byte[] block = new byte[724];
    random.nextBytes(block);
    return Optional.of(new SrpChallenge(a, b, bigB, verifier, block));
  }

  String saltHex() {
    return verifier.salt().toString(16);
  }

  String srpBHex() {
    return serverB.toString(16);
  }

  String secretBlockBase64() {
    return Base64.getEncoder().encodeToString(secretBlock);
  }

  boolean secretBlockMatches(String base64) {
    try {
      return MessageDigest.isEqual(secretBlock, Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when the timestamp is well-formed and within five minutes of now. */
  static boolean timestampAcceptable(String timestamp, Instant now) {
    try {
      Instant stamped = Instant.from(TIMESTAMP.parse(timestamp));
      return Duration.between(stamped, now).abs().compareTo(CLOCK_SKEW) <= 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  boolean signatureMatches(
      String poolId, String userIdForSrp, String timestamp, String signatureBase64) {
    BigInteger u = Srp.u(clientA, serverB);
    if (u.signum() == 0) {
      return false;
    }
    BigInteger s =
        clientA.multiply(verifier.verifier().modPow(u, Srp.N)).modPow(serverSecret, Srp.N);
    byte[] key = Srp.hkdf(s, u);
    byte[] expected =
        Srp.hmac(
            key,
            Srp.poolName(poolId).getBytes(StandardCharsets.UTF_8),
            userIdForSrp.getBytes(StandardCharsets.UTF_8),
            secretBlock,
            timestamp.getBytes(StandardCharsets.UTF_8));
    try {
      return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signatureBase64));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

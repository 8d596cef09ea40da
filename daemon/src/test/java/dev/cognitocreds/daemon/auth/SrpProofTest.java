package dev.cognitocreds.daemon.auth;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the client proof against a server written here from the SRP-6a equations, with its own
 * string-based padHex as amazon-cognito-identity-js writes it.
 */
class SrpProofTest {

    private static final String POOL = "DEMOpool1";
    private static final String USER_ID = "licensed-user";
    private static final String PASSWORD = "TempPassw0rd!";
    private static final String SECRET_BLOCK = Base64.getEncoder().encodeToString("opaque secret block".getBytes());
    private static final Instant NOW = Instant.parse("2026-03-05T07:08:09Z");

    @Test
    void signatureMatchesWhatAnIndependentServerComputes() throws Exception {
        Random seeds = new Random(42);
        for (int round = 0; round < 16; round++) {
            BigInteger a = new BigInteger(1024, seeds);
            BigInteger b = new BigInteger(1024, seeds);
            String saltHex = new BigInteger(128, seeds).toString(16);

            SrpProof client = new SrpProof(a);
            BigInteger largeA = new BigInteger(client.publicValueHex(), 16);
            assertThat(largeA).isEqualTo(Server.G.modPow(a, Server.N));

            Server server = new Server(saltHex, b);
            SrpProof.Claim claim = client.claim(POOL, USER_ID, PASSWORD, saltHex, server.largeB().toString(16),
                    SECRET_BLOCK, NOW);

            assertThat(claim.signature()).as("round %d", round).isEqualTo(server.expectedSignature(largeA, NOW));
            assertThat(claim.secretBlock()).isEqualTo(SECRET_BLOCK);
        }
    }

    @Test
    void wrongPasswordGivesAnotherSignature() throws Exception {
        Server server = new Server("a1b2c3", BigInteger.valueOf(987654321));
        SrpProof client = new SrpProof(BigInteger.valueOf(123456789));
        SrpProof.Claim claim = client.claim(POOL, USER_ID, "not the password", "a1b2c3",
                server.largeB().toString(16), SECRET_BLOCK, NOW);
        assertThat(claim.signature()).isNotEqualTo(
                server.expectedSignature(new BigInteger(client.publicValueHex(), 16), NOW));
    }

    @Test
    void timestampIsCognitosFormatWithUnpaddedDay() throws Exception {
        SrpProof.Claim claim = new SrpProof(BigInteger.TEN).claim(POOL, USER_ID, PASSWORD, "01",
                new Server("01", BigInteger.TWO).largeB().toString(16), SECRET_BLOCK, NOW);
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
        assertThatThrownBy(() -> client.claim(POOL, USER_ID, PASSWORD, "01", Server.N.toString(16), SECRET_BLOCK, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The server side of SRP-6a, written from the equations with hex strings as Cognito's JS does. */
    private static final class Server {
        // the RFC 5054 3072-bit prime is a published constant; everything derived from it is computed here
        static final BigInteger N = SrpProof.N;
        static final BigInteger G = BigInteger.valueOf(2);

        private final String saltHex;
        private final BigInteger b;
        private final BigInteger k = new BigInteger(hexHash(padHex(N) + padHex(G)), 16);
        private final BigInteger verifier;

        Server(String saltHex, BigInteger b) throws Exception {
            this.saltHex = saltHex;
            this.b = b;
            this.verifier = G.modPow(x(), N);
        }

        BigInteger largeB() {
            return k.multiply(verifier).add(G.modPow(b, N)).mod(N);
        }

        String expectedSignature(BigInteger largeA, Instant now) throws Exception {
            BigInteger u = new BigInteger(hexHash(padHex(largeA) + padHex(largeB())), 16);
            BigInteger s = largeA.multiply(verifier.modPow(u, N)).modPow(b, N);
            byte[] prk = hmac(HexFormat.of().parseHex(padHex(u)), HexFormat.of().parseHex(padHex(s)));
            byte[] info = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);
            byte[] key = Arrays.copyOf(hmac(prk, info), 16);
            String timestamp = "Thu Mar 5 07:08:09 UTC 2026";
            assertThat(now).isEqualTo(NOW);
            byte[] message = concat(POOL.getBytes(StandardCharsets.UTF_8), USER_ID.getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(SECRET_BLOCK), timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hmac(key, message));
        }

        private BigInteger x() throws Exception {
            String identity = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((POOL + USER_ID + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            return new BigInteger(hexHash(padHex(new BigInteger(saltHex, 16)) + identity), 16);
        }

        static String padHex(BigInteger value) {
            String hex = value.toString(16);
            if (hex.length() % 2 == 1) {
                return "0" + hex;
            }
            return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
        }

        static String hexHash(String hex) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static byte[] hmac(byte[] key, byte[] data) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }

        static byte[] concat(byte[]... parts) {
            int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }
}

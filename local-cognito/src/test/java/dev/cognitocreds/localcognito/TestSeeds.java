package dev.cognitocreds.localcognito;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test seed (src/test/resources/test-seed.json) and its well-known ids. */
final class TestSeeds {
  static final String POOL = "us-east-2_TestPool1";
  static final String MFA_POOL = "us-east-2_MfaPool1";
  static final String PUBLIC_CLIENT = "publicclient0000000000000a";
  static final String SECRET_CLIENT = "secretclient0000000000000b";
  static final String CLIENT_SECRET = "topsecretclientsecret";
  static final String SRP_ONLY_CLIENT = "srponlyclient000000000000c";
  static final String ROTATING_CLIENT = "rotatingclient00000000000d";
  static final String SHORT_CLIENT = "shortclient00000000000000e";
  static final String MFA_CLIENT = "mfaclient0000000000000000f";
  static final String MFA_ON_CLIENT = "mfaonclient00000000000000g";
  static final String PROVIDER = "cognito-idp.us-east-2.amazonaws.com/" + POOL;
  static final String RULES_IDENTITY_POOL = "us-east-2:11111111-1111-4111-8111-111111111111";
  static final String TOKEN_IDENTITY_POOL = "us-east-2:22222222-2222-4222-8222-222222222222";
  static final String CHECKING_IDENTITY_POOL = "us-east-2:33333333-3333-4333-8333-333333333333";
  static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private TestSeeds() {}

  static Seed seed() {
    try (InputStream in = TestSeeds.class.getResourceAsStream("/test-seed.json")) {
      return Seed.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.cognitocreds.localcognito.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against the published AWS Signature Version 4 test suite (get-vanilla family). */
class SigV4VerifierTest {
  private static final SigningCredential EXAMPLE =
      new SigningCredential(
          "AKIDEXAMPLE",
          "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          null,
          Instant.parse("2030-01-01T00:00:00Z"));
  private static final Clock SIGNED_AT =
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final String CREDENTIAL = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

  private final SigV4Verifier verifier =
      new SigV4Verifier(
          "service",
          id -> id.equals(EXAMPLE.accessKeyId()) ? Optional.of(EXAMPLE) : Optional.empty(),
          SIGNED_AT);

  @Test
  void getVanilla() {
    SignedRequest request =
        get("/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

    assertThat(verifier.verify(request)).isEqualTo(new VerifiedSigner("AKIDEXAMPLE", "us-east-1"));
  }

  @Test
  void getVanillaQueryOrderKeyCase() {
    SignedRequest request =
        get(
            "/",
            "Param2=value2&Param1=value1",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");

    assertThat(verifier.verify(request).accessKeyId()).isEqualTo("AKIDEXAMPLE");
  }

  @Test
  void anotherSignatureOrPathIsRefused() {
    assertThatThrownBy(
            () ->
                verifier.verify(
                    get(
                        "/",
                        "",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30")))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("InvalidSignatureException"));
    assertThatThrownBy(
            () ->
                verifier.verify(
                    get(
                        "/other",
                        "",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void aSignatureScopedToAnotherServiceIsRefused() {
    SigV4Verifier ecr = new SigV4Verifier("ecr", id -> Optional.of(EXAMPLE), SIGNED_AT);

    assertThatThrownBy(
            () ->
                ecr.verify(
                    get(
                        "/",
                        "",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")))
        .hasMessage("Credential should be scoped to correct service: 'ecr'. ");
  }

  @Test
  void aMalformedAuthorizationHeaderIsIncomplete() {
    SignedRequest request =
        new SignedRequest(
            "GET",
            "/",
            "",
            Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL)),
            new byte[0]);

    assertThatThrownBy(() -> verifier.verify(request))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> assertThat(e.type()).isEqualTo("IncompleteSignatureException"));
  }

  private static SignedRequest get(String path, String query, String signature) {
    return new SignedRequest(
        "GET",
        path,
        query,
        Map.of(
            "Host", List.of("example.amazonaws.com"),
            "X-Amz-Date", List.of("20150830T123600Z"),
            "Authorization",
                List.of(
                    "AWS4-HMAC-SHA256 Credential="
                        + CREDENTIAL
                        + ", SignedHeaders=host;x-amz-date, Signature="
                        + signature)),
        new byte[0]);
  }
}

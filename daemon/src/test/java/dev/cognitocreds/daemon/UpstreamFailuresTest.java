package dev.cognitocreds.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

class UpstreamFailuresTest {

  private static final SdkException REFUSED =
      SdkClientException.builder()
          .message("Unable to execute HTTP request: Connection refused")
          .cause(new ConnectException("Connection refused"))
          .build();

  private static final SdkException TIMED_OUT = ApiCallTimeoutException.create(4000);

  /** A service exception whose answer had no error code (an HTML page from a proxy, say). */
  private static final SdkException NO_CODE =
      AwsServiceException.builder()
          .statusCode(403)
          .awsErrorDetails(AwsErrorDetails.builder().errorMessage("Forbidden").build())
          .build();

  private static final SdkException NO_DETAILS =
      AwsServiceException.builder().statusCode(502).build();

  @Test
  void failuresWithoutAnAnswerHaveNoCodeAndAreTransientUnavailability() {
    for (SdkException e : new SdkException[] {REFUSED, TIMED_OUT}) {
      assertThat(UpstreamFailures.code(e)).isNull();
      assertThat(UpstreamFailures.hasCode(e, "NotAuthorizedException")).isFalse();
      assertThat(UpstreamFailures.hasCodeIn(e, Set.of("NotAuthorizedException"))).isFalse();
      assertThat(UpstreamFailures.isTransient(e)).isTrue();
      Failure failure = UpstreamFailures.translate(e, "token refresh");
      assertThat(failure.kind()).isEqualTo(Failure.Kind.UPSTREAM_UNAVAILABLE);
      assertThat(failure.code()).isEqualTo("UpstreamUnavailable");
      assertThat(failure.getMessage())
          .startsWith("Cognito does not answer (token refresh: ")
          .contains("check the network connection")
          .doesNotContain("null");
    }
  }

  @Test
  void anAnswerWithoutAnErrorCodeIsSafeToClassify() {
    assertThat(UpstreamFailures.code(NO_CODE)).isNull();
    assertThat(UpstreamFailures.isTransient(NO_CODE)).isFalse();
    assertThat(UpstreamFailures.translate(NO_CODE, "GetId").getMessage())
        .isEqualTo("Cognito refused GetId: Forbidden");
    assertThat(UpstreamFailures.isTransient(NO_DETAILS)).isTrue();
    assertThat(UpstreamFailures.message(NO_DETAILS)).isNotNull();
    assertThat(UpstreamFailures.translate(NO_DETAILS, "GetId").code())
        .isEqualTo("UpstreamUnavailable");
  }

  @Test
  void throttlingIsTransientAndSaysSo() {
    SdkException throttled =
        TooManyRequestsException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("TooManyRequestsException")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    Failure failure = UpstreamFailures.translate(throttled, "GetCredentialsForIdentity");
    assertThat(failure.code()).isEqualTo("UpstreamUnavailable");
    assertThat(failure.getMessage())
        .contains("throttling", "TooManyRequestsException: Rate exceeded", "back-off");
  }
}

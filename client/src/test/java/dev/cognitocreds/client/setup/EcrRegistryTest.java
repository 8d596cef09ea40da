package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcrRegistryTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "111122223333.dkr.ecr.us-east-2.amazonaws.com",
        " 111122223333.DKR.ecr.us-east-2.amazonaws.com ",
        "https://111122223333.dkr.ecr.us-east-2.amazonaws.com/",
        "111122223333.dkr.ecr.us-east-2.amazonaws.com/acme/app:1.0"
      })
  void acceptsARegistryHostAndTheFormsPeoplePaste(String text) {
    EcrRegistry r = EcrRegistry.parse(text);

    assertThat(r.host()).isEqualTo("111122223333.dkr.ecr.us-east-2.amazonaws.com");
    assertThat(r.account()).isEqualTo("111122223333");
    assertThat(r.region()).isEqualTo("us-east-2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "11112222333.dkr.ecr.us-east-2.amazonaws.com",
        "111122223333.dkr.ecr.amazonaws.com",
        "docker.io",
        "111122223333.dkr.ecr.us-east-2.amazonaws.com.evil.example",
        ""
      })
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> EcrRegistry.parse(text))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("ACCOUNT.dkr.ecr.REGION.amazonaws.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
        "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
        "123456789012.dkr-ecr.eu-west-1.on.aws",
        "123456789012.dkr-ecr-fips.us-east-1.on.aws",
        "123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn",
        "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov"
      })
  void knowsOtherPartitions(String text) {
    assertThat(EcrRegistry.parse(text).account()).isEqualTo("123456789012");
  }

  @ParameterizedTest
  @ValueSource(strings = {"public.ecr.aws", "https://public.ecr.aws/v2/", "127.0.0.1:5000"})
  void knowsEcrPublicAndLoopbackRegistries(String text) {
    EcrRegistry r = EcrRegistry.parse(text);

    assertThat(r.account()).isNull();
    assertThat(r.host()).isIn("public.ecr.aws", "127.0.0.1:5000");
  }
}

package dev.cognitocreds.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryHostTest {

  @ParameterizedTest
  @CsvSource({
    "111122223333.dkr.ecr.us-east-2.amazonaws.com, us-east-2, false, false",
    "111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com, us-gov-west-1, true, false",
    "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn, cn-north-1, false, false",
    "111122223333.dkr-ecr.eu-west-1.on.aws, eu-west-1, false, true",
    "111122223333.dkr-ecr-fips.us-east-1.on.aws, us-east-1, true, true",
    "111122223333.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn, cn-northwest-1, false, true",
    "111122223333.dkr.ecr.us-iso-east-1.c2s.ic.gov, us-iso-east-1, false, false",
    "111122223333.dkr.ecr.us-isob-east-1.sc2s.sgov.gov, us-isob-east-1, false, false"
  })
  void privateEcrOfEveryPartitionAndForm(
      String host, String region, boolean fips, boolean dualStack) {
    RegistryHost parsed = RegistryHost.parse(host).orElseThrow();

    assertThat(parsed.kind()).isEqualTo(RegistryHost.Kind.PRIVATE_ECR);
    assertThat(parsed.host()).isEqualTo(host);
    assertThat(parsed.region()).contains(region);
    assertThat(parsed.fips()).isEqualTo(fips);
    assertThat(parsed.dualStack()).isEqualTo(dualStack);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "111122223333.dkr.ecr.us-east-2.amazonaws.com",
        "111122223333.DKR.ECR.us-east-2.amazonaws.com",
        "https://111122223333.dkr.ecr.us-east-2.amazonaws.com/v2/",
        "https://111122223333.dkr.ecr.us-east-2.amazonaws.com",
        "111122223333.dkr.ecr.us-east-2.amazonaws.com:443",
        "111122223333.dkr.ecr.us-east-2.amazonaws.com/acme/app:1.0",
        " 111122223333.dkr.ecr.us-east-2.amazonaws.com\n"
      })
  void everyFormDockerPodmanSkopeoAndBuildahSend(String serverUrl) {
    assertThat(RegistryHost.parse(serverUrl).orElseThrow().host())
        .isEqualTo("111122223333.dkr.ecr.us-east-2.amazonaws.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"public.ecr.aws", "https://public.ecr.aws/v2/", "ecr-public.aws.com"})
  void ecrPublicIsUsEast1(String serverUrl) {
    RegistryHost parsed = RegistryHost.parse(serverUrl).orElseThrow();

    assertThat(parsed.kind()).isEqualTo(RegistryHost.Kind.PUBLIC_ECR);
    assertThat(parsed.region()).contains("us-east-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:5000", "https://127.0.0.1:5000/v2/", "localhost:41234"})
  void loopbackRegistriesKeepTheirPortAndTakeTheProfilesRegion(String serverUrl) {
    RegistryHost parsed = RegistryHost.parse(serverUrl).orElseThrow();

    assertThat(parsed.kind()).isEqualTo(RegistryHost.Kind.LOOPBACK);
    assertThat(parsed.host()).contains(":");
    assertThat(parsed.region()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io",
        "https://index.docker.io/v1/",
        "111122223333.dkr.ecr.us-east-2.amazonaws.com.evil.example",
        "11112222333.dkr.ecr.us-east-2.amazonaws.com",
        "10.0.0.1:5000",
        ""
      })
  void anythingElseIsNoRegistryOfOurs(String serverUrl) {
    assertThat(RegistryHost.parse(serverUrl)).isEmpty();
  }
}

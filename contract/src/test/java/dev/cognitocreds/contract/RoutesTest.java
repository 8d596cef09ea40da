package dev.cognitocreds.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutesTest {
  @Test
  void aProfileIsOnePercentEncodedSegment() {
    assertThat(Routes.profile("acme", Routes.LOGOUT)).isEqualTo("/v1/profiles/acme/logout");
    assertThat(Routes.profile("a b/c", Routes.CREDENTIALS))
        .isEqualTo("/v1/profiles/a%20b%2Fc/credentials");
    assertThat(Routes.profile("dev.eu_1-x~y*z", Routes.LOGIN))
        .isEqualTo("/v1/profiles/dev.eu_1-x~y%2Az/login");
    assertThat(Routes.profile("é", Routes.LOGIN)).isEqualTo("/v1/profiles/%C3%A9/login");
  }

  @Test
  void templatesNameTheProfileParameter() {
    assertThat(Routes.template(Routes.LOGIN_WITH_FLOW)).isEqualTo("/v1/profiles/{p}/login/{flow}");
  }
}

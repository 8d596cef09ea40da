package dev.cognitocreds.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private final Route login = request -> new byte[0];
  private final Route flow = request -> new byte[0];
  private final RouteTable table =
      new RouteTable()
          .add("POST", "/v1/profiles/{p}/login", login)
          .add("POST", "/v1/profiles/{p}/login/{flow}", flow);

  @Test
  void templatesMatchWholeSegmentsAndDecodeTheParameters() {
    RouteTable.Match match = table.find("POST", "/v1/profiles/my%20profile/login/USER_SRP_AUTH");
    assertThat(match.route()).isSameAs(flow);
    assertThat(match.params()).isEqualTo(Map.of("p", "my profile", "flow", "USER_SRP_AUTH"));
    assertThat(table.find("POST", "/v1/profiles/acme/login/").route())
        .as("one trailing slash ignored")
        .isSameAs(login);
  }

  @Test
  void otherMethodsEmptySegmentsAndLongerPathsDoNotMatch() {
    assertThat(table.find("GET", "/v1/profiles/acme/login")).isNull();
    assertThat(table.find("POST", "/v1/profiles//login")).isNull();
    assertThat(table.find("POST", "/v1/profiles/acme/login/a/b")).isNull();
  }

  @Test
  void credentialTargetsAreExactAndDecoded() {
    assertThat(CredentialFastPath.target("/v1/credentials"))
        .isEqualTo(new CredentialFastPath.Target(null, false));
    assertThat(CredentialFastPath.target("/v1/profiles/a%20b/credential-process"))
        .isEqualTo(new CredentialFastPath.Target("a b", true));
    assertThat(CredentialFastPath.target("/v1/profiles/acme/credentials"))
        .isEqualTo(new CredentialFastPath.Target("acme", false));
    assertThat(CredentialFastPath.target("/v1/profiles//credentials")).isNull();
    assertThat(CredentialFastPath.target("/v1/profiles/acme/extra/credentials")).isNull();
    assertThat(CredentialFastPath.target("/v1/profiles/acme/xcredentials")).isNull();
    assertThat(CredentialFastPath.target("/v1/credentials/"))
        .as("one trailing slash, as on every route")
        .isEqualTo(new CredentialFastPath.Target(null, false));
    assertThat(CredentialFastPath.target("/v1/profiles/acme/credentials/"))
        .isEqualTo(new CredentialFastPath.Target("acme", false));
    assertThat(CredentialFastPath.target("/v1/credentials//")).isNull();
  }

  @Test
  void theTokenComparisonNeedsEveryCharacter() {
    assertThat(RequestGuard.sameInConstantTime("secret", "secret")).isTrue();
    assertThat(RequestGuard.sameInConstantTime("secreT", "secret")).isFalse();
    assertThat(RequestGuard.sameInConstantTime("secret-and-more", "secret")).isFalse();
    assertThat(RequestGuard.sameInConstantTime("sec", "secret")).isFalse();
    assertThat(RequestGuard.sameInConstantTime("", "secret")).isFalse();
  }
}

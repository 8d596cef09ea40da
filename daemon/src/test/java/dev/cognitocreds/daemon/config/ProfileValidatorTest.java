package dev.cognitocreds.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

  private static final Path FILE = Path.of("/home/u/.aws/config");
  private final ProfileValidator validator = new ProfileValidator(FILE);

  private static Map<String, String> valid() {
    Map<String, String> keys = new HashMap<>();
    keys.put("region", "us-east-2");
    keys.put("cognito_user_pool_id", "us-east-2_UXqM66clL");
    keys.put("cognito_client_id", "re12i62fp5ln48p3vtssjrveo");
    keys.put("cognito_identity_pool_id", "us-east-2:070eee28-81b9-4878-b500-b9be89facf50");
    return keys;
  }

  @Test
  void completeProfileIsValidWithDefaults() {
    ConfiguredProfile configured = validator.validate("acme", valid());

    assertThat(configured.problems()).isEmpty();
    CognitoProfile profile = configured.profile().orElseThrow();
    assertThat(profile.authFlow()).isEqualTo(AuthFlow.USER_SRP_AUTH);
    assertThat(profile.userPoolName()).isEqualTo("UXqM66clL");
    assertThat(profile.loginsKey())
        .isEqualTo("cognito-idp.us-east-2.amazonaws.com/us-east-2_UXqM66clL");
    assertThat(profile.identityPoolRegion()).isEqualTo("us-east-2");
    assertThat(profile.endpointUrl()).isEmpty();
    assertThat(profile.accountId()).isEmpty();
  }

  @Test
  void optionalKeysAreParsed() {
    Map<String, String> keys = valid();
    keys.put("cognito_client_secret", "very-secret");
    keys.put("cognito_role_arn", "arn:aws:iam::111122223333:role/ecr-pull");
    keys.put("cognito_auth_flow", "USER_PASSWORD_AUTH");
    keys.put("cognito_endpoint_url", "http://127.0.0.1:9229");

    CognitoProfile profile = validator.validate("acme", keys).profile().orElseThrow();

    assertThat(profile.clientSecret()).contains("very-secret");
    assertThat(profile.accountId()).contains("111122223333");
    assertThat(profile.authFlow()).isEqualTo(AuthFlow.USER_PASSWORD_AUTH);
    assertThat(profile.endpointUrl()).contains(URI.create("http://127.0.0.1:9229"));
    assertThat(profile.toString()).doesNotContain("very-secret");
  }

  @Test
  void everyBrokenKeyIsNamedWithFileAndProfile() {
    Map<String, String> keys = valid();
    keys.put("cognito_user_pool_id", "UXqM66clL");
    keys.remove("cognito_client_id");
    keys.put("cognito_identity_pool_id", "us-east-2:not-a-uuid");
    keys.put("cognito_auth_flow", "CUSTOM_AUTH");
    keys.put("cognito_endpoint_url", "ftp://example.com");
    keys.put("cognito_role_arn", "role/ecr-pull");
    keys.put("cognito_client_secret", "should-never-be-printed");
    keys.put("cognito_user_pol_id", "typo");

    ConfiguredProfile configured = validator.validate("acme", keys);

    assertThat(configured.isValid()).isFalse();
    assertThat(configured.problems())
        .hasSize(6)
        .allSatisfy(
            problem ->
                assertThat(problem).startsWith("/home/u/.aws/config: profile acme: cognito_"))
        .noneSatisfy(problem -> assertThat(problem).contains("should-never-be-printed"));
    assertThat(configured.problems())
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .isEqualTo(
                        "/home/u/.aws/config: profile acme: cognito_user_pool_id 'UXqM66clL' is not a user pool id "
                            + "like us-east-2_AbC123xyz"));
    assertThat(configured.problems())
        .anySatisfy(problem -> assertThat(problem).contains("cognito_client_id is missing"));
    assertThat(configured.problems())
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(
                        "cognito_auth_flow 'CUSTOM_AUTH' is not USER_SRP_AUTH or USER_PASSWORD_AUTH"));
    assertThat(configured.problems())
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("cognito_endpoint_url 'ftp://example.com' is not an http(s) URL"));
    assertThat(configured.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains("cognito_user_pol_id is not a key this version of cognito-credsd"));
  }

  @Test
  void aCognitoKeyThisVersionDoesNotKnowIsAWarningAndTheProfileIsServed() {
    Map<String, String> keys = valid();
    keys.put("cognito_key_from_a_newer_version", "yes");

    ConfiguredProfile configured = validator.validate("acme", keys);

    assertThat(configured.isValid()).isTrue();
    assertThat(configured.problems()).isEmpty();
    assertThat(configured.warnings())
        .singleElement()
        .asString()
        .startsWith(FILE + ": profile acme: cognito_key_from_a_newer_version is not a key")
        .contains("ignored", "update cognito-creds");
  }
}

package dev.cognitocreds.publisher.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void theTemplatesSetupHasNoFinding() {
    assertThat(Checks.of(new SafeSetup().build())).isEmpty();
  }

  @Test
  void aLicenceAttributeTheAppClientMayWriteIsUnsafe() {
    assertUnsafe(
        s -> s.client.writeAttributes("email", "custom:isLicensed"), "licence-attribute-writable");
    assertUnsafe(s -> s.client.writeAttributes(List.of()), "licence-attribute-writable");
  }

  @Test
  void aTrustPolicyWithoutAudOrAmrIsUnsafe() {
    assertUnsafe(s -> s.audCondition = null, "role-trust-no-aud");
    assertUnsafe(s -> s.amrCondition = null, "role-trust-no-amr");
  }

  @Test
  void theClassicFlowOnOrNotSwitchedOffIsUnsafe() {
    assertUnsafe(s -> s.identityPool.allowClassicFlow(true), "classic-flow-on");
    assertUnsafe(s -> s.identityPool.allowClassicFlow(null), "classic-flow-on");
  }

  @Test
  void anAmbiguousRoleFallbackToABroaderDefaultRoleIsUnsafe() {
    String admin = "arn:aws:iam::111122223333:role/admin";
    Finding finding =
        assertUnsafe(
            s -> {
              s.mapping.ambiguousRoleResolution("AuthenticatedRole");
              s.defaultRoles.put("authenticated", admin);
              s.otherRoles.put(
                  admin,
                  "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
            },
            "ambiguous-role-fallback");
    assertThat(finding.message()).contains(admin, "more than pull");
  }

  @Test
  void aPullRoleWithEcrStarOrOnEveryRepositoryIsUnsafe() {
    assertUnsafe(
        s -> s.permissions = s.permissions.replace("\"ecr:BatchGetImage\"", "\"ecr:*\""),
        "pull-role-wildcard-action");
    assertUnsafe(
        s -> s.permissions = s.permissions.replace("[\"" + SafeSetup.REPOSITORY + "\"]", "\"*\""),
        "pull-role-all-repositories");
    assertUnsafe(
        s -> s.permissions = s.permissions.replace("\"ecr:BatchGetImage\"", "\"ecr:PutImage\""),
        "pull-role-extra-actions");
  }

  @Test
  void anAppClientWithASecretIsUnsafe() {
    assertUnsafe(s -> s.client.clientSecret("s3cr3t"), "client-secret");
  }

  @Test
  void otherMistakes() {
    assertUnsafe(
        s -> {
          s.identityPool.allowUnauthenticatedIdentities(true);
          s.defaultRoles.put("unauthenticated", SafeSetup.PULL);
        },
        "unauthenticated-identities");
    assertUnsafe(s -> s.mapping = null, "licence-not-enforced");
    assertUnsafe(
        s ->
            s.repositoryPolicy =
                Optional.of(
                    "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}]}"),
        "repository-public");
  }

  @Test
  void adviceDoesNotMakeTheSetupUnsafe() {
    List<Finding> findings =
        findings(
            s -> {
              s.userPool.mfaConfiguration("OFF");
              s.client.refreshTokenValidity(3650);
              s.client.explicitAuthFlowsWithStrings(
                  "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
            });
    assertThat(findings)
        .extracting(Finding::id)
        .containsExactlyInAnyOrder("mfa-off", "refresh-token-long", "password-auth-flow");
    assertThat(findings).allMatch(f -> f.severity() == Finding.Severity.ADVICE);
    assertThat(findings).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }

  private static Finding assertUnsafe(Consumer<SafeSetup> mistake, String id) {
    List<Finding> findings = findings(mistake);
    assertThat(findings).extracting(Finding::id).contains(id);
    Finding finding = findings.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    assertThat(finding.severity()).isEqualTo(Finding.Severity.UNSAFE);
    assertThat(finding.fix()).isNotBlank();
    assertThat(finding.resource()).isNotBlank();
    return finding;
  }

  private static List<Finding> findings(Consumer<SafeSetup> mistake) {
    SafeSetup setup = new SafeSetup();
    mistake.accept(setup);
    return Checks.of(setup.build());
  }
}

package dev.cognitocreds.publisher.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cognitocreds.publisher.license.LicenceAttribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRule;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** Every mistake {@code check} knows, looked for in a {@link DeployedSetup}. */
public final class Checks {

  static final Set<String> PULL_ACTIONS =
      Set.of(
          "ecr:getauthorizationtoken",
          "ecr:batchgetimage",
          "ecr:getdownloadurlforlayer",
          "ecr:batchchecklayeravailability");
  private static final Set<String> REPOSITORY_ACTIONS =
      Set.of("ecr:batchgetimage", "ecr:getdownloadurlforlayer", "ecr:batchchecklayeravailability");
  private static final String IDENTITY = "cognito-identity.amazonaws.com";
  private static final String AUD = IDENTITY + ":aud";
  private static final String AMR = IDENTITY + ":amr";
  private static final Duration LONG_REFRESH = Duration.ofDays(90);
  private static final String REDEPLOY =
      " (or deploy `cognito-creds-publisher template`, which has it right)";

  private Checks() {}

  /** The findings, the unsafe ones first. */
  public static List<Finding> of(DeployedSetup setup) {
    List<Finding> findings = new ArrayList<>();
    identityPool(setup, findings);
    setup.userPools().values().forEach(pool -> userPool(pool, findings));
    setup.clients().forEach(client -> client(client, findings));
    mappings(setup, findings);
    setup.iamRoles().values().forEach(role -> role(setup, role, findings));
    setup.repositories().values().forEach(repository -> repository(repository, findings));
    findings.sort(Comparator.comparing(Finding::severity));
    return findings;
  }

  private static void identityPool(DeployedSetup setup, List<Finding> findings) {
    var pool = setup.identityPool();
    String resource = "identity pool " + pool.identityPoolId();
    // a pool created without AllowClassicFlow lets the classic flow run: only false stops it
    if (!Boolean.FALSE.equals(pool.allowClassicFlow())) {
      findings.add(
          Finding.unsafe(
              "classic-flow-on",
              resource,
              (pool.allowClassicFlow() == null
                      ? "AllowClassicFlow is not set, so the classic (basic) flow runs"
                      : "the classic (basic) flow is on")
                  + ": GetOpenIdToken plus sts:AssumeRoleWithWebIdentity lets a signed-in user ask"
                  + " for any role that trusts the pool, past the role rules",
              "turn AllowClassicFlow off: aws cognito-identity update-identity-pool ... --no-allow-classic-flow"
                  + REDEPLOY));
    }
    if (Boolean.TRUE.equals(pool.allowUnauthenticatedIdentities())) {
      boolean hasRole = setup.roles().roles().containsKey("unauthenticated");
      String message =
          "unauthenticated identities are allowed"
              + (hasRole
                  ? ": anyone, without signing in, gets credentials for "
                      + setup.roles().roles().get("unauthenticated")
                  : " (no unauthenticated role is set, so they get no credentials yet)");
      String fix =
          "turn AllowUnauthenticatedIdentities off: aws cognito-identity update-identity-pool ..."
              + " --no-allow-unauthenticated-identities";
      findings.add(
          hasRole
              ? Finding.unsafe("unauthenticated-identities", resource, message, fix)
              : Finding.advice("unauthenticated-identities", resource, message, fix));
    }
    for (CognitoIdentityProvider provider : pool.cognitoIdentityProviders()) {
      if (!Boolean.TRUE.equals(provider.serverSideTokenCheck())) {
        findings.add(
            Finding.advice(
                "server-side-token-check-off",
                resource + ", provider " + provider.providerName() + ":" + provider.clientId(),
                "the pool does not check ID tokens with the user pool: after `license revoke` (which"
                    + " signs the user out) ID tokens issued before still get credentials until they expire",
                "set ServerSideTokenCheck to true for this provider in the identity pool"));
      }
    }
  }

  private static void userPool(UserPoolType pool, List<Finding> findings) {
    String resource = "user pool " + pool.id();
    boolean hasLicence =
        pool.schemaAttributes().stream()
            .map(SchemaAttributeType::name)
            .anyMatch(LicenceAttribute.NAME::equals);
    if (!hasLicence) {
      findings.add(
          Finding.advice(
              "licence-attribute-missing",
              resource,
              "the pool has no "
                  + LicenceAttribute.NAME
                  + " attribute: `license grant|revoke` cannot work",
              "add the custom attribute isLicensed (String, mutable): aws cognito-idp add-custom-attributes"
                  + " --user-pool-id "
                  + pool.id()
                  + " --custom-attributes Name=isLicensed,AttributeDataType=String,Mutable=true"));
    }
    if ("OFF".equals(pool.mfaConfigurationAsString())) {
      findings.add(
          Finding.advice(
              "mfa-off",
              resource,
              "multi-factor authentication is off: a leaked password is enough to pull your images",
              "set MFA to OPTIONAL or ON with an authenticator app (aws cognito-idp"
                  + " set-user-pool-mfa-config --software-token-mfa-configuration Enabled=true"
                  + " --mfa-configuration OPTIONAL)"));
    }
    if (pool.adminCreateUserConfig() != null
        && Boolean.FALSE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly())) {
      findings.add(
          Finding.advice(
              "self-sign-up-on",
              resource,
              "anyone can register: they get no licence, but they are users of your pool",
              "if you add every user yourself, allow only administrators to create users"
                  + " (AdminCreateUserConfig.AllowAdminCreateUserOnly)"));
    }
  }

  private static void client(UserPoolClientType client, List<Finding> findings) {
    String resource = "app client " + client.clientId() + " of user pool " + client.userPoolId();
    if (client.clientSecret() != null) {
      findings.add(
          Finding.unsafe(
              "client-secret",
              resource,
              "the app client has a secret: handed to every user it is no secret, and it sits in"
                  + " each user's ~/.aws/config",
              "create an app client without a secret (GenerateSecret false), trust it in the"
                  + " identity pool instead of this one, and send users a new onboarding file"));
    }
    List<String> writable = client.writeAttributes();
    if (writable.isEmpty() || writable.contains(LicenceAttribute.NAME)) {
      findings.add(
          Finding.unsafe(
              "licence-attribute-writable",
              resource,
              writable.isEmpty()
                  ? "the app client has no WriteAttributes list, so users may write every attribute,"
                      + " "
                      + LicenceAttribute.NAME
                      + " included: any user licenses themself with UpdateUserAttributes"
                  : "users may write "
                      + LicenceAttribute.NAME
                      + " through this app client: any user licenses themself with UpdateUserAttributes",
              "set the app client's WriteAttributes to what users may change (e.g. email), without "
                  + LicenceAttribute.NAME
                  + "; update-user-pool-client resets every setting it is not given, so pass them all"
                  + REDEPLOY));
    }
    List<String> flows = client.explicitAuthFlowsAsStrings();
    if (flows.contains("ALLOW_USER_PASSWORD_AUTH") || flows.contains("USER_PASSWORD_AUTH")) {
      findings.add(
          Finding.advice(
              "password-auth-flow",
              resource,
              "ALLOW_USER_PASSWORD_AUTH sends each user's password to Cognito; SRP never does",
              "keep ALLOW_USER_SRP_AUTH and ALLOW_REFRESH_TOKEN_AUTH only"));
    }
    if (Boolean.FALSE.equals(client.enableTokenRevocation())) {
      findings.add(
          Finding.advice(
              "token-revocation-off",
              resource,
              "token revocation is off: `cognito-creds logout` cannot end a refresh token",
              "turn EnableTokenRevocation on"));
    }
    Duration refresh = refreshLifetime(client);
    if (refresh.compareTo(LONG_REFRESH) > 0) {
      findings.add(
          Finding.advice(
              "refresh-token-long",
              resource,
              "refresh tokens last " + refresh.toDays() + " days: a copied one works that long",
              "shorten RefreshTokenValidity (30 days is the default), or turn on refresh-token rotation"));
    }
  }

  private static void mappings(DeployedSetup setup, List<Finding> findings) {
    Map<String, String> defaults = setup.roles().roles();
    String defaultRole = defaults.get("authenticated");
    for (CognitoIdentityProvider provider : setup.identityPool().cognitoIdentityProviders()) {
      String key = provider.providerName() + ":" + provider.clientId();
      String resource =
          "identity pool " + setup.identityPool().identityPoolId() + ", provider " + key;
      RoleMapping mapping = setup.roles().roleMappings().get(key);
      if (mapping == null) {
        if (defaultRole != null && grantsAnything(setup, defaultRole)) {
          findings.add(
              Finding.unsafe(
                  "licence-not-enforced",
                  resource,
                  "no role mapping for this app client: every signed-in user gets "
                      + defaultRole
                      + ", licensed or not",
                  "add a Rules mapping: "
                      + LicenceAttribute.NAME
                      + " Equals 1 → the pull role, AmbiguousRoleResolution Deny"
                      + REDEPLOY));
        }
        continue;
      }
      if ("Token".equals(mapping.typeAsString())) {
        findings.add(
            Finding.advice(
                "roles-from-groups",
                resource,
                "roles come from the user's groups, not from "
                    + LicenceAttribute.NAME
                    + ": `license grant|revoke` changes nothing",
                "use a Rules mapping on "
                    + LicenceAttribute.NAME
                    + " Equals 1, or manage licences with groups"));
      } else if (mapping.rulesConfiguration() != null) {
        boolean licenceRule =
            mapping.rulesConfiguration().rules().stream().anyMatch(Checks::isLicenceRule);
        if (!licenceRule) {
          findings.add(
              Finding.advice(
                  "licence-rule-missing",
                  resource,
                  "no rule on "
                      + LicenceAttribute.NAME
                      + " Equals 1: `license grant|revoke` changes nothing",
                  "add the rule Claim "
                      + LicenceAttribute.NAME
                      + ", MatchType Equals, Value 1 → the pull role"));
        }
      }
      if ("AuthenticatedRole".equals(mapping.ambiguousRoleResolutionAsString())
          && defaultRole != null
          && grantsAnything(setup, defaultRole)) {
        boolean broader = !isPullOnly(setup, defaultRole);
        findings.add(
            Finding.unsafe(
                "ambiguous-role-fallback",
                resource,
                "a user no rule matches (an unlicensed one) falls back to the default authenticated role "
                    + defaultRole
                    + (broader
                        ? ", which may do more than pull the licensed images"
                        : ", which can pull"),
                "set AmbiguousRoleResolution to Deny" + REDEPLOY));
      }
    }
  }

  private static boolean isLicenceRule(MappingRule rule) {
    return LicenceAttribute.NAME.equals(rule.claim())
        && "Equals".equals(rule.matchTypeAsString())
        && LicenceAttribute.LICENSED.equals(rule.value());
  }

  private static void role(DeployedSetup setup, DeployedSetup.Role role, List<Finding> findings) {
    String resource = "role " + role.arn();
    if (role.trust().isEmpty()) {
      findings.add(
          Finding.advice(
              "role-missing",
              resource,
              "the identity pool names this role, but IAM has no such role: users get no credentials",
              "create the role, or name an existing one in the identity pool"));
      return;
    }
    trust(setup, role, resource, findings);
    permissions(role, resource, findings);
  }

  private static void trust(
      DeployedSetup setup, DeployedSetup.Role role, String resource, List<Finding> findings) {
    String poolId = setup.identityPool().identityPoolId();
    for (PolicyStatement statement : PolicyStatement.of(role.trust().get())) {
      if (!statement.allows()) {
        continue;
      }
      if (statement.principals("AWS").contains("*") || statement.principal().asText().equals("*")) {
        findings.add(
            Finding.unsafe(
                "role-trust-anyone",
                resource,
                "the role's trust policy lets any AWS principal assume it",
                "trust only " + IDENTITY + " (Federated), with the aud and amr conditions"));
      }
      if (!statement.principals("Federated").contains(IDENTITY)) {
        continue;
      }
      List<String> aud =
          statement.conditionValues(List.of("StringEquals", "ForAnyValue:StringEquals"), AUD);
      if (aud.isEmpty()) {
        findings.add(
            Finding.unsafe(
                "role-trust-no-aud",
                resource,
                "the trust policy has no StringEquals condition on "
                    + AUD
                    + ": any identity pool, in any account, can hand out this role",
                "add \"StringEquals\": {\""
                    + AUD
                    + "\": \""
                    + poolId
                    + "\"} to the trust policy"
                    + " (aws iam update-assume-role-policy)"));
      } else if (!aud.contains(poolId)) {
        findings.add(
            Finding.advice(
                "role-trust-other-pool",
                resource,
                "the trust policy's "
                    + AUD
                    + " names "
                    + String.join(", ", aud)
                    + ", not this identity pool: its users get no credentials for this role",
                "name " + poolId + " in the condition on " + AUD));
      }
      List<String> amr =
          statement.conditionValues(
              List.of(
                  "ForAnyValue:StringLike",
                  "ForAnyValue:StringEquals",
                  "StringLike",
                  "StringEquals"),
              AMR);
      if (!amr.contains("authenticated") && isAuthenticatedRole(setup, role.arn())) {
        findings.add(
            Finding.unsafe(
                "role-trust-no-amr",
                resource,
                "the trust policy has no condition "
                    + AMR
                    + " = authenticated: an identity that never signed in may assume it",
                "add \"ForAnyValue:StringLike\": {\""
                    + AMR
                    + "\": \"authenticated\"} to the trust policy"));
      }
    }
  }

  private static boolean isAuthenticatedRole(DeployedSetup setup, String arn) {
    return !arn.equals(setup.roles().roles().get("unauthenticated"))
        || arn.equals(setup.roles().roles().get("authenticated"));
  }

  private static void permissions(
      DeployedSetup.Role role, String resource, List<Finding> findings) {
    for (Map.Entry<String, JsonNode> policy : role.policies().entrySet()) {
      String where = resource + ", " + policy.getKey();
      for (PolicyStatement statement : PolicyStatement.of(policy.getValue())) {
        if (!statement.allows()) {
          continue;
        }
        if (statement.notAction() || statement.notResource()) {
          findings.add(
              Finding.unsafe(
                  "pull-role-not-action",
                  where,
                  "an Allow statement with "
                      + (statement.notAction() ? "NotAction" : "NotResource")
                      + " allows everything it does not list",
                  "list the four pull actions and the repositories instead"));
          continue;
        }
        List<String> wildcards =
            statement.actions().stream().filter(a -> a.contains("*") || a.contains("?")).toList();
        if (!wildcards.isEmpty()) {
          findings.add(
              Finding.unsafe(
                  "pull-role-wildcard-action",
                  where,
                  "allows "
                      + String.join(", ", wildcards)
                      + ": users may do more than pull (push, delete images, change repositories)",
                  "allow only ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer"
                      + " and ecr:BatchCheckLayerAvailability"));
        }
        List<String> extra =
            statement.actions().stream()
                .filter(a -> !a.contains("*") && !a.contains("?"))
                .filter(a -> !PULL_ACTIONS.contains(a.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        if (!extra.isEmpty()) {
          findings.add(
              Finding.unsafe(
                  "pull-role-extra-actions",
                  where,
                  "allows " + String.join(", ", extra) + ", more than pulling images",
                  "remove them: a licensed user needs only the four pull actions"));
        }
        boolean repositoryScoped =
            !wildcards.isEmpty()
                || statement.actions().stream()
                    .anyMatch(
                        a -> REPOSITORY_ACTIONS.contains(a.toLowerCase(java.util.Locale.ROOT)));
        List<String> broad =
            statement.resources().stream()
                .filter(
                    r -> r.equals("*") || r.matches("arn:[^:]+:ecr:[^:]*:[^:]*:(repository/)?\\*"))
                .toList();
        if (repositoryScoped && !broad.isEmpty()) {
          findings.add(
              Finding.unsafe(
                  "pull-role-all-repositories",
                  where,
                  "the pull actions apply to "
                      + String.join(", ", broad)
                      + ": every repository of the account, not only the licensed ones",
                  "name the licensed repositories: arn:aws:ecr:REGION:ACCOUNT:repository/NAME"));
        }
      }
    }
  }

  private static void repository(DeployedSetup.Repository repository, List<Finding> findings) {
    String resource = "repository " + repository.arn();
    if (!repository.exists()) {
      findings.add(
          Finding.advice(
              "repository-missing",
              resource,
              "the pull role names this repository, but ECR has no such repository",
              "create it, or remove it from the role's policy"));
      return;
    }
    if (repository.policy().isEmpty()) {
      return;
    }
    for (PolicyStatement statement : PolicyStatement.of(repository.policy().get())) {
      boolean anyone =
          statement.principal().asText().equals("*") || statement.principals("AWS").contains("*");
      if (statement.allows() && anyone && statement.condition().isEmpty()) {
        findings.add(
            Finding.unsafe(
                "repository-public",
                resource,
                "the repository policy allows "
                    + String.join(", ", statement.actions())
                    + " to every AWS account: anyone can pull without a licence",
                "remove the statement with Principal \"*\" (aws ecr delete-repository-policy, or"
                    + " set-repository-policy without it)"));
      }
    }
  }

  /** Whether the role has any Allow statement at all (a role that may do nothing is harmless). */
  private static boolean grantsAnything(DeployedSetup setup, String arn) {
    DeployedSetup.Role role = setup.iamRoles().get(arn);
    return role == null
        || role.trust().isEmpty()
        || role.policies().values().stream()
            .flatMap(p -> PolicyStatement.of(p).stream())
            .anyMatch(PolicyStatement::allows);
  }

  private static boolean isPullOnly(DeployedSetup setup, String arn) {
    DeployedSetup.Role role = setup.iamRoles().get(arn);
    if (role == null) {
      return false;
    }
    List<Finding> permissionFindings = new ArrayList<>();
    permissions(role, "", permissionFindings);
    return permissionFindings.isEmpty();
  }

  static Duration refreshLifetime(UserPoolClientType client) {
    Integer value = client.refreshTokenValidity();
    if (value == null) {
      return Duration.ofDays(30);
    }
    TimeUnitsType unit =
        client.tokenValidityUnits() == null ? null : client.tokenValidityUnits().refreshToken();
    if (unit == null) {
      return Duration.ofDays(value);
    }
    return switch (unit) {
      case SECONDS -> Duration.ofSeconds(value);
      case MINUTES -> Duration.ofMinutes(value);
      case HOURS -> Duration.ofHours(value);
      default -> Duration.ofDays(value);
    };
  }
}

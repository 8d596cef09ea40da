package dev.cognitocreds.publisher.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The template's structure (every reference resolves) and its safe defaults. */
class SafeSetupTemplateTest {

  private static final Set<String> PSEUDO =
      Set.of(
          "AWS::Region",
          "AWS::AccountId",
          "AWS::Partition",
          "AWS::URLSuffix",
          "AWS::NoValue",
          "AWS::StackName",
          "AWS::StackId");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private final ObjectNode template =
      SafeSetupTemplate.forRepositories(List.of("acme/app", "acme/tools"));

  @Test
  void everyReferenceResolves() {
    assertThat(structuralProblems(template)).isEmpty();
  }

  @Test
  void aBrokenReferenceIsFound() {
    ObjectNode broken = template.deepCopy();
    ((ObjectNode) broken.at("/Resources/UserPoolClient/Properties/UserPoolId"))
        .put("Ref", "NoSuchPool");
    ((ObjectNode) broken.at("/Resources/UserPoolDomain")).put("Condition", "NoSuchCondition");

    assertThat(structuralProblems(broken))
        .containsExactlyInAnyOrder(
            "Ref NoSuchPool names nothing", "Condition NoSuchCondition is not defined");
  }

  @Test
  void theUserPoolAndAppClientAreSafe() {
    JsonNode client = template.at("/Resources/UserPoolClient/Properties");
    assertThat(client.path("GenerateSecret").asBoolean(true)).isFalse();
    assertThat(texts(client.path("ExplicitAuthFlows")))
        .containsExactly("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
    assertThat(texts(client.path("WriteAttributes")))
        .isNotEmpty()
        .doesNotContain("custom:isLicensed");
    assertThat(texts(client.path("ReadAttributes"))).contains("custom:isLicensed");
    assertThat(client.path("EnableTokenRevocation").asBoolean()).isTrue();
    JsonNode schema = template.at("/Resources/UserPool/Properties/Schema");
    assertThat(schema.findValuesAsText("Name")).contains("isLicensed");
    assertThat(template.at("/Parameters/SelfSignUp/Default").asText()).isEqualTo("false");
    assertThat(template.at("/Parameters/Mfa/Default").asText()).isEqualTo("OPTIONAL");
    assertThat(template.at("/Parameters/RefreshTokenRotation/Default").asText()).isEqualTo("true");
    assertThat(template.path("Parameters").fieldNames())
        .toIterable()
        .contains(
            "Mfa",
            "SelfSignUp",
            "IdTokenValidityMinutes",
            "AccessTokenValidityMinutes",
            "RefreshTokenValidityDays",
            "RefreshTokenRotation",
            "HostedUiDomainPrefix",
            "CallbackUrl");
  }

  @Test
  void theIdentityPoolDeniesAnyoneWithoutTheLicence() {
    JsonNode pool = template.at("/Resources/IdentityPool/Properties");
    assertThat(pool.path("AllowClassicFlow").asBoolean(true)).isFalse();
    assertThat(pool.path("AllowUnauthenticatedIdentities").asBoolean(true)).isFalse();
    assertThat(pool.at("/CognitoIdentityProviders/0/ServerSideTokenCheck").asBoolean()).isTrue();
    JsonNode mapping = template.at("/Resources/RoleAttachment/Properties/RoleMappings/userPool");
    assertThat(mapping.path("Type").asText()).isEqualTo("Rules");
    assertThat(mapping.path("AmbiguousRoleResolution").asText()).isEqualTo("Deny");
    JsonNode rule = mapping.at("/RulesConfiguration/Rules/0");
    assertThat(rule.path("Claim").asText()).isEqualTo("custom:isLicensed");
    assertThat(rule.path("MatchType").asText()).isEqualTo("Equals");
    assertThat(rule.path("Value").asText()).isEqualTo("1");
    assertThat(rule.at("/RoleARN/Fn::GetAtt/0").asText()).isEqualTo("PullRole");
  }

  @Test
  void thePullRoleTrustsOnlyThisPoolsSignedInUsersAndMayOnlyPullTheNamedRepositories() {
    JsonNode trust =
        template.at("/Resources/PullRole/Properties/AssumeRolePolicyDocument/Statement/0");
    assertThat(trust.at("/Principal/Federated").asText())
        .isEqualTo("cognito-identity.amazonaws.com");
    assertThat(trust.at("/Condition/StringEquals/cognito-identity.amazonaws.com:aud/Ref").asText())
        .isEqualTo("IdentityPool");
    assertThat(
            trust
                .path("Condition")
                .path("ForAnyValue:StringLike")
                .path("cognito-identity.amazonaws.com:amr")
                .asText())
        .isEqualTo("authenticated");
    JsonNode statements =
        template.at("/Resources/PullRole/Properties/Policies/0/PolicyDocument/Statement");
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0).path("Action").asText()).isEqualTo("ecr:GetAuthorizationToken");
    assertThat(statements.get(0).path("Resource").asText()).isEqualTo("*");
    assertThat(texts(statements.get(1).path("Action")))
        .containsExactly(
            "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");
    assertThat(statements.get(1).path("Resource").findValuesAsText("Fn::Sub"))
        .containsExactly(
            "arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/acme/app",
            "arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/acme/tools");
  }

  @Test
  void theOutputsAreTheOnboardingFilesFields() {
    assertThat(template.path("Outputs").fieldNames())
        .toIterable()
        .contains("region", "userPoolId", "clientId", "identityPoolId", "registry")
        .doesNotContain("clientSecret");
  }

  @Test
  void aRepositoryNameECRWouldRefuseIsRefused() {
    assertThatThrownBy(() -> SafeSetupTemplate.forRepositories(List.of("Acme/App")))
        .hasMessageContaining("is not an ECR repository name");
    assertThatThrownBy(() -> SafeSetupTemplate.forRepositories(List.of("a/*")))
        .hasMessageContaining("is not an ECR repository name");
  }

  /** Every Ref, GetAtt, Sub variable, Fn::If and Condition names something the template has. */
  static List<String> structuralProblems(JsonNode template) {
    Set<String> parameters = names(template.path("Parameters"));
    Set<String> resources = names(template.path("Resources"));
    Set<String> conditions = names(template.path("Conditions"));
    List<String> problems = new ArrayList<>();
    for (String section : List.of("Resources", "Outputs")) {
      template
          .path(section)
          .fields()
          .forEachRemaining(
              e -> {
                String condition = e.getValue().path("Condition").asText(null);
                if (condition != null && !conditions.contains(condition)) {
                  problems.add("Condition " + condition + " is not defined");
                }
              });
    }
    walk(template, parameters, resources, conditions, problems);
    return problems;
  }

  private static void walk(
      JsonNode node,
      Set<String> parameters,
      Set<String> resources,
      Set<String> conditions,
      List<String> problems) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        String key = e.getKey();
        JsonNode value = e.getValue();
        switch (key) {
          case "Ref" -> {
            String name = value.asText();
            if (!parameters.contains(name) && !resources.contains(name) && !PSEUDO.contains(name)) {
              problems.add("Ref " + name + " names nothing");
            }
          }
          case "Fn::GetAtt" -> {
            if (!resources.contains(value.path(0).asText())) {
              problems.add("Fn::GetAtt " + value.path(0).asText() + " names no resource");
            }
          }
          case "Fn::Sub" -> {
            String text = value.isArray() ? value.path(0).asText() : value.asText();
            Set<String> local = value.isArray() ? names(value.path(1)) : Set.of();
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
              String name = m.group(1).split("\\.")[0];
              if (!parameters.contains(name)
                  && !resources.contains(name)
                  && !PSEUDO.contains(name)
                  && !local.contains(name)) {
                problems.add("Fn::Sub ${" + name + "} names nothing");
              }
            }
          }
          case "Fn::If" -> {
            if (!conditions.contains(value.path(0).asText())) {
              problems.add("Fn::If " + value.path(0).asText() + " is not defined");
            }
          }
          default -> {}
        }
        walk(value, parameters, resources, conditions, problems);
      }
    } else if (node.isArray()) {
      node.forEach(child -> walk(child, parameters, resources, conditions, problems));
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    node.forEach(v -> texts.add(v.asText()));
    return texts;
  }
}

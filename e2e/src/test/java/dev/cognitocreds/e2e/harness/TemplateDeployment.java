package dev.cognitocreds.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What CloudFormation does with the publisher's template, done through the services' own APIs: its
 * parameters, conditions and intrinsic functions resolved, each resource created (the Cognito ones
 * at local-cognito over its JSON wire protocol, the IAM role at moto), the outputs returned. Only
 * what the template uses is understood; anything else fails the test.
 */
public final class TemplateDeployment {

  /** moto's account: the roles and repositories live there. */
  public static final String ACCOUNT = "123456789012";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
  private static final List<String> ORDER =
      List.of(
          "AWS::Cognito::UserPool",
          "AWS::Cognito::UserPoolClient",
          "AWS::Cognito::UserPoolDomain",
          "AWS::Cognito::IdentityPool",
          "AWS::IAM::Role",
          "AWS::Cognito::IdentityPoolRoleAttachment");

  private final JsonNode template;
  private final URI cognito;
  private final String region;
  private final IamClient iam;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final Map<String, String> refs = new LinkedHashMap<>();
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private TemplateDeployment(
      JsonNode template, URI cognito, URI moto, String region, Map<String, String> overrides) {
    this.template = template;
    this.cognito = cognito;
    this.region = region;
    this.iam =
        IamClient.builder()
            .endpointOverride(moto)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    template
        .path("Parameters")
        .fields()
        .forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().path("Default").asText()));
    parameters.putAll(overrides);
  }

  /** Deploys {@code template} and returns its outputs. */
  public static Map<String, String> deploy(
      JsonNode template, URI cognito, URI moto, String region, Map<String, String> parameters) {
    TemplateDeployment deployment =
        new TemplateDeployment(template, cognito, moto, region, parameters);
    try {
      return deployment.run();
    } finally {
      deployment.iam.close();
    }
  }

  private Map<String, String> run() {
    List<Map.Entry<String, JsonNode>> resources = new ArrayList<>();
    template.path("Resources").fields().forEachRemaining(resources::add);
    resources.sort(Comparator.comparingInt(r -> rank(r.getValue().path("Type").asText())));
    for (Map.Entry<String, JsonNode> resource : resources) {
      JsonNode definition = resource.getValue();
      if (definition.has("Condition") && !condition(definition.path("Condition").asText())) {
        continue;
      }
      create(
          resource.getKey(),
          definition.path("Type").asText(),
          resolve(definition.path("Properties")));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    template
        .path("Outputs")
        .fields()
        .forEachRemaining(
            o -> {
              if (!o.getValue().has("Condition")
                  || condition(o.getValue().path("Condition").asText())) {
                outputs.put(o.getKey(), resolve(o.getValue().path("Value")).asText());
              }
            });
    return outputs;
  }

  private static int rank(String type) {
    int rank = ORDER.indexOf(type);
    if (rank < 0) {
      throw new AssertionError("the deployment does not know resource type " + type);
    }
    return rank;
  }

  private void create(String name, String type, JsonNode properties) {
    ObjectNode request = (ObjectNode) properties.deepCopy();
    switch (type) {
      case "AWS::Cognito::UserPool" -> {
        request.set("PoolName", request.remove("UserPoolName"));
        JsonNode mfa = request.remove("EnabledMfas");
        String id =
            cognito("AWSCognitoIdentityProviderService", "CreateUserPool", request)
                .at("/UserPool/Id")
                .asText();
        refs.put(name, id);
        ObjectNode config = JSON.createObjectNode().put("UserPoolId", id);
        config.put("MfaConfiguration", request.path("MfaConfiguration").asText("OFF"));
        if (mfa != null) {
          config.putObject("SoftwareTokenMfaConfiguration").put("Enabled", true);
        }
        cognito("AWSCognitoIdentityProviderService", "SetUserPoolMfaConfig", config);
      }
      case "AWS::Cognito::UserPoolClient" ->
          refs.put(
              name,
              cognito("AWSCognitoIdentityProviderService", "CreateUserPoolClient", request)
                  .at("/UserPoolClient/ClientId")
                  .asText());
      case "AWS::Cognito::IdentityPool" ->
          refs.put(
              name,
              cognito("AWSCognitoIdentityService", "CreateIdentityPool", request)
                  .path("IdentityPoolId")
                  .asText());
      case "AWS::IAM::Role" -> {
        String roleName = request.path("RoleName").asText();
        var role =
            iam.createRole(
                    r ->
                        r.roleName(roleName)
                            .description(request.path("Description").asText(null))
                            .assumeRolePolicyDocument(
                                request.path("AssumeRolePolicyDocument").toString()))
                .role();
        for (JsonNode policy : request.path("Policies")) {
          iam.putRolePolicy(
              r ->
                  r.roleName(roleName)
                      .policyName(policy.path("PolicyName").asText())
                      .policyDocument(policy.path("PolicyDocument").toString()));
        }
        refs.put(name, roleName);
        attributes.put(name + ".Arn", role.arn());
      }
      case "AWS::Cognito::IdentityPoolRoleAttachment" -> {
        ObjectNode mappings = JSON.createObjectNode();
        request
            .path("RoleMappings")
            .fields()
            .forEachRemaining(
                m -> {
                  ObjectNode mapping = (ObjectNode) m.getValue().deepCopy();
                  mappings.set(mapping.remove("IdentityProvider").asText(), mapping);
                });
        request.set("RoleMappings", mappings);
        cognito("AWSCognitoIdentityService", "SetIdentityPoolRoles", request);
      }
      default -> throw new AssertionError("the deployment does not create " + type);
    }
  }

  private JsonNode cognito(String service, String operation, JsonNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(cognito)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", service + "." + operation)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(operation + " refused: " + response.body() + "\nrequest: " + body);
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value with every intrinsic function replaced by what it stands for. */
  private JsonNode resolve(JsonNode node) {
    if (node.isArray()) {
      var list = JSON.createArrayNode();
      for (JsonNode element : node) {
        JsonNode value = resolve(element);
        if (value != null) {
          list.add(value);
        }
      }
      return list;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1) {
      String function = node.fieldNames().next();
      JsonNode argument = node.get(function);
      switch (function) {
        case "Ref":
          return "AWS::NoValue".equals(argument.asText()) ? null : text(ref(argument.asText()));
        case "Fn::GetAtt":
          return text(attribute(argument.path(0).asText() + "." + argument.path(1).asText()));
        case "Fn::Sub":
          return text(sub(argument.asText()));
        case "Fn::If":
          return resolve(
              condition(argument.path(0).asText()) ? argument.path(1) : argument.path(2));
        default:
          if (function.startsWith("Fn::")) {
            throw new AssertionError("the deployment does not know " + function);
          }
      }
    }
    ObjectNode copy = JSON.createObjectNode();
    node.fields()
        .forEachRemaining(
            e -> {
              JsonNode value = resolve(e.getValue());
              if (value != null) {
                copy.set(e.getKey(), value);
              }
            });
    return copy;
  }

  private boolean condition(String name) {
    return evaluate(template.at("/Conditions/" + name));
  }

  private boolean evaluate(JsonNode condition) {
    if (condition.has("Fn::Not")) {
      return !evaluate(condition.get("Fn::Not").path(0));
    }
    if (condition.has("Fn::Equals")) {
      return resolve(condition.get("Fn::Equals").path(0))
          .asText()
          .equals(resolve(condition.get("Fn::Equals").path(1)).asText());
    }
    throw new AssertionError("the deployment does not know the condition " + condition);
  }

  private String ref(String name) {
    return switch (name) {
      case "AWS::Region" -> region;
      case "AWS::AccountId" -> ACCOUNT;
      case "AWS::Partition" -> "aws";
      case "AWS::URLSuffix" -> "amazonaws.com";
      default -> {
        if (parameters.containsKey(name)) {
          yield parameters.get(name);
        }
        if (refs.containsKey(name)) {
          yield refs.get(name);
        }
        throw new AssertionError("Ref " + name + " before it exists");
      }
    };
  }

  private String attribute(String name) {
    String value = attributes.get(name);
    if (value == null) {
      throw new AssertionError("Fn::GetAtt " + name + " before it exists");
    }
    return value;
  }

  private String sub(String text) {
    Matcher m = SUB.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      m.appendReplacement(
          out, Matcher.quoteReplacement(name.contains(".") ? attribute(name) : ref(name)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }
}

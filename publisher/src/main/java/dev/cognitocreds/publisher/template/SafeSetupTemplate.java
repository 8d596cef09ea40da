package dev.cognitocreds.publisher.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CloudFormation template of the safe setup. The repositories are written into the pull role's
 * policy as ARNs of the stack's own account and region: CloudFormation cannot prefix each element
 * of a list parameter, so they are given when the template is made, not when it is deployed.
 */
public final class SafeSetupTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private SafeSetupTemplate() {}

  /** The template for these ECR repository names (at least one). */
  public static ObjectNode forRepositories(List<String> repositories) {
    if (repositories.isEmpty()) {
      throw new IllegalArgumentException("at least one repository");
    }
    ObjectNode template = base();
    ArrayNode resources = pullStatement(template).putArray("Resource");
    for (String repository : repositories) {
      if (!REPOSITORY.matcher(repository).matches() || repository.length() > 256) {
        throw new IllegalArgumentException(
            "'" + repository + "' is not an ECR repository name (lower case, e.g. acme/app)");
      }
      resources
          .addObject()
          .put(
              "Fn::Sub",
              "arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/"
                  + repository);
    }
    return template;
  }

  static ObjectNode pullStatement(JsonNode template) {
    for (JsonNode statement :
        template
            .at("/Resources/PullRole/Properties/Policies/0/PolicyDocument/Statement")
            .withArray("")) {
      if ("PullLicensedImages".equals(statement.path("Sid").asText())) {
        return (ObjectNode) statement;
      }
    }
    throw new IllegalStateException("the template has no PullLicensedImages statement");
  }

  private static ObjectNode base() {
    try (InputStream in = SafeSetupTemplate.class.getResourceAsStream("safe-setup.template.json")) {
      if (in == null) {
        throw new IllegalStateException("safe-setup.template.json is missing from the jar");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

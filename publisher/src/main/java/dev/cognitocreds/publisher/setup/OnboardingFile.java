package dev.cognitocreds.publisher.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the fields of an onboarding file (the one {@code cognito-creds configure --from} reads).
 */
public final class OnboardingFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode fields;

  private OnboardingFile(JsonNode fields) {
    this.fields = fields;
  }

  public static OnboardingFile none() {
    return new OnboardingFile(JSON.createObjectNode());
  }

  public static OnboardingFile read(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || !node.isObject()) {
        throw new SetupMissingException("onboarding file " + file + " is not a JSON object");
      }
      return new OnboardingFile(node);
    } catch (NoSuchFileException e) {
      throw new SetupMissingException("onboarding file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new SetupMissingException(
          "onboarding file "
              + file
              + " is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new SetupMissingException(
          "cannot read onboarding file " + file + ": " + e.getMessage());
    }
  }

  public Optional<String> field(String name) {
    JsonNode value = fields.get(name);
    return value == null || !value.isTextual() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }
}

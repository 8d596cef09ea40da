package dev.cognitocreds.client.setup;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@code "credHelpers": {"<registry>": "cognito-creds"}} (or {@code "ecr-login"}) to a docker
 * {@code config.json} or a containers {@code auth.json}. Every other key, and the order of keys, is
 * kept as it was.
 */
final class CredHelpersFile {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private CredHelpersFile() {}

  static FileEdit plan(Path file, EcrRegistry registry, RegistryHelper helper) {
    String entry = helper.entry();
    byte[] before = SafeFileWriter.readIfExists(file);
    ObjectNode root = parse(file, before);
    JsonNode existing = root.get("credHelpers");
    if (existing != null && !existing.isObject()) {
      throw new SetupException(
          file + ": \"credHelpers\" is not a JSON object; fix or remove it, then run this again");
    }
    ObjectNode helpers = existing == null ? root.putObject("credHelpers") : (ObjectNode) existing;
    List<String> changes = new ArrayList<>();
    JsonNode current = helpers.get(registry.host());
    if (current == null) {
      changes.add("+ credHelpers." + registry.host() + " = " + entry);
    } else if (!entry.equals(current.asText(null))) {
      changes.add("~ credHelpers." + registry.host() + ": " + current + " -> " + entry);
    }
    if (changes.isEmpty()) {
      return new FileEdit(file, before, before, changes);
    }
    helpers.put(registry.host(), entry);
    return new FileEdit(file, before, render(root), changes);
  }

  /** Whether the file sends this registry to that helper; false when absent or unreadable. */
  static boolean hasHelper(Path file, EcrRegistry registry, RegistryHelper helper) {
    try {
      JsonNode entry =
          parse(file, SafeFileWriter.readIfExists(file)).path("credHelpers").path(registry.host());
      return helper.entry().equals(entry.asText(null));
    } catch (SetupException e) {
      return false;
    }
  }

  /**
   * The registries the file sends to cognito-creds or to ecr-login (for ECR hosts), with the
   * helper; empty when absent or unreadable.
   */
  static Map<String, RegistryHelper> registries(Path file) {
    Map<String, RegistryHelper> registries = new LinkedHashMap<>();
    try {
      parse(file, SafeFileWriter.readIfExists(file))
          .path("credHelpers")
          .properties()
          .forEach(
              e -> {
                RegistryHelper helper = RegistryHelper.of(e.getValue().asText(null));
                if (helper == RegistryHelper.COGNITO_CREDS
                    || helper == RegistryHelper.ECR_LOGIN && e.getKey().contains(".dkr.ecr")) {
                  registries.put(e.getKey(), helper);
                }
              });
    } catch (SetupException e) {
      // an unreadable file sends nothing anywhere; doctor reports it as missing
    }
    return registries;
  }

  private static ObjectNode parse(Path file, byte[] content) {
    if (content == null || new String(content, StandardCharsets.UTF_8).isBlank()) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      // The parser's own message is left out: it quotes the text around the error, which may be a
      // credential.
      throw new SetupException(
          file
              + " is not valid JSON"
              + where
              + "; it was left unchanged: fix it by hand, then run this again");
    } catch (IOException e) {
      throw new SetupException("cannot read " + file + ": " + e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new SetupException(
          file
              + " does not hold a JSON object; it was left unchanged: fix it, then run this again");
    }
    return object;
  }

  /** Docker writes its config with tabs and {@code "key": value}; so do we, to keep diffs small. */
  private static byte[] render(ObjectNode root) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("\t", "\n"))
            .withArrayIndenter(new DefaultIndenter("\t", "\n"));
    try {
      return (JSON.writer(printer).writeValueAsString(root) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that was just parsed cannot be written", e);
    }
  }
}

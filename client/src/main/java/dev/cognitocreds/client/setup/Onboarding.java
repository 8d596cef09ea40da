package dev.cognitocreds.client.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The onboarding file a publisher hands to its licensed users. Unknown keys are ignored so that a
 * newer publisher file still works with an older client.
 */
record Onboarding(
    String profile,
    String region,
    String userPoolId,
    String clientId,
    String identityPoolId,
    String registry,
    String clientSecret,
    String roleArn,
    String authFlow,
    String endpointUrl) {

  static final Onboarding NONE =
      new Onboarding(null, null, null, null, null, null, null, null, null, null);

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static Onboarding read(Path file) {
    if (file == null) {
      return NONE;
    }
    try {
      Onboarding o = JSON.readValue(Files.readAllBytes(file), Onboarding.class);
      return o == null ? NONE : o;
    } catch (NoSuchFileException e) {
      throw SetupException.usage("onboarding file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw SetupException.usage(
          "onboarding file "
              + file
              + " is not valid"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + " (the parser's own message is not shown: it may quote a secret)");
    } catch (IOException e) {
      throw new SetupException("cannot read onboarding file " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Onboarding[profile=" + profile + ", registry=" + registry + "]";
  }
}

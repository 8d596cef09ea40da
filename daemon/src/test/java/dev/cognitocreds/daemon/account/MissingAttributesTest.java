package dev.cognitocreds.daemon.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissingAttributesTest {

  @Test
  void readsCognitosMessageOneAttributePerLine() {
    assertThat(
            MissingAttributes.in(
                "Attributes did not conform to the schema: name.formatted: The attribute is "
                    + "required\ncustom:company: The attribute is required\n"))
        .containsExactly("name.formatted", "custom:company");
  }

  @Test
  void readsTheVariantThatRepeatsTheName() {
    assertThat(
            MissingAttributes.in(
                "Attributes did not conform to the schema: email: The attribute email is required"))
        .containsExactly("email");
  }

  @Test
  void otherInvalidParameterMessagesNameNoAttribute() {
    assertThat(MissingAttributes.in("Username should be an email.")).isEmpty();
    assertThat(MissingAttributes.in(null)).isEmpty();
  }
}

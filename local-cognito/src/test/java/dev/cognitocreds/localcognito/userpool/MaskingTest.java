package dev.cognitocreds.localcognito.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
  @Test
  void phoneKeepsThePlusAndTheLastFourDigits() {
    assertThat(Masking.phone("+15555551234")).isEqualTo("+*******1234");
  }

  @Test
  void emailKeepsTheFirstLetterOfEachSide() {
    assertThat(Masking.email("licensed@example.com")).isEqualTo("l***@e***");
    assertThat(Masking.email("not-an-address")).isEqualTo("***");
  }
}

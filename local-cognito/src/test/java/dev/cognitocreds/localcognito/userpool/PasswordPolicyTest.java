package dev.cognitocreds.localcognito.userpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.localcognito.CognitoException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy cognitoDefault = PasswordPolicy.from(null);

  @Test
  void defaultPolicyNamesTheFirstRuleBroken() {
    assertThatThrownBy(() -> cognitoDefault.check("Sh0rt!"))
        .isInstanceOf(CognitoException.class)
        .hasMessage("Password does not conform to policy: Password not long enough");
    assertThatThrownBy(() -> cognitoDefault.check("ALLUPPER1!"))
        .hasMessageEndingWith("lowercase characters");
    assertThatThrownBy(() -> cognitoDefault.check("alllower1!"))
        .hasMessageEndingWith("uppercase characters");
    assertThatThrownBy(() -> cognitoDefault.check("NoDigits!!"))
        .hasMessageEndingWith("numeric characters");
    assertThatThrownBy(() -> cognitoDefault.check("NoSymbol12"))
        .hasMessageEndingWith("symbol characters");
    assertThatCode(() -> cognitoDefault.check("Good-Passw0rd")).doesNotThrowAnyException();
  }

  @Test
  void failuresAreInvalidPasswordExceptions() {
    assertThatThrownBy(() -> cognitoDefault.check("x"))
        .isInstanceOfSatisfying(
            CognitoException.class,
            e -> assertThat(e.type()).isEqualTo("InvalidPasswordException"));
  }
}

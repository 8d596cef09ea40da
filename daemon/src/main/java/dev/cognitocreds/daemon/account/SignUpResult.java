package dev.cognitocreds.daemon.account;

import dev.cognitocreds.daemon.auth.ChallengeField;
import java.util.List;

/** What a sign-up attempt ended in. */
public sealed interface SignUpResult {

  /** The pool requires attributes the request lacked: ask for these and try again. */
  record AttributesRequired(List<ChallengeField> fields) implements SignUpResult {
    public AttributesRequired {
      fields = List.copyOf(fields);
    }
  }

  /** The account exists, unconfirmed; a code went out to confirm it. */
  record ConfirmationSent(CodeDelivery delivery) implements SignUpResult {}

  /** The pool confirmed the account at once (an auto-confirming trigger): sign in. */
  record Confirmed() implements SignUpResult {}
}

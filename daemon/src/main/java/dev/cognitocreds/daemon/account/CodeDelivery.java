package dev.cognitocreds.daemon.account;

import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;

/**
 * Where Cognito sent a code: the masked destination ("a***@e***"), EMAIL or SMS, and the attribute.
 */
public record CodeDelivery(String destination, String medium, String attribute) {

  static CodeDelivery of(CodeDeliveryDetailsType details) {
    if (details == null) {
      return new CodeDelivery(null, null, null);
    }
    return new CodeDelivery(
        details.destination(), details.deliveryMediumAsString(), details.attributeName());
  }

  /** "by e-mail to a***@e***", for a sentence that says where to look. */
  public String describe() {
    String how = "SMS".equals(medium) ? "by SMS" : "EMAIL".equals(medium) ? "by e-mail" : "";
    String to = destination == null ? "" : "to " + destination;
    String both = (how + " " + to).strip();
    return both.isEmpty() ? "to your registered address" : both;
  }
}

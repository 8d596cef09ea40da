package dev.cognitocreds.daemon.account;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns the attributes a pool requires from SignUp's InvalidParameterException, since a person
 * without AWS credentials cannot call DescribeUserPool. Cognito says, one per line or comma:
 * "Attributes did not conform to the schema: email: The attribute is required" (or "The attribute
 * email is required").
 */
final class MissingAttributes {

  private static final Pattern REQUIRED =
      Pattern.compile("([A-Za-z0-9_:.-]+): The attribute( [^ ]+)? is required");

  private MissingAttributes() {}

  /**
   * The attributes named as missing, in Cognito's order; empty when the message is about something
   * else.
   */
  static List<String> in(String message) {
    if (message == null || !message.contains("schema")) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = REQUIRED.matcher(message.substring(message.indexOf("schema")));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }
}

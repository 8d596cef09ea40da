package dev.cognitocreds.client.setup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private ECR registry host, {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}, checked once at the
 * edge.
 */
record EcrRegistry(String account, String region, String host) {

  private static final Pattern HOST =
      Pattern.compile(
          "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?");

  static EcrRegistry parse(String text) {
    String host = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    // People paste image references and URLs; the registry is the host part of either.
    host = host.replaceFirst("^https?://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    Matcher m = HOST.matcher(host);
    if (!m.matches()) {
      throw SetupException.usage(
          "'"
              + text
              + "' is not an ECR registry: expected ACCOUNT.dkr.ecr.REGION.amazonaws.com,"
              + " for example 111122223333.dkr.ecr.us-east-2.amazonaws.com");
    }
    return new EcrRegistry(m.group(1), m.group(2), host);
  }

  @Override
  public String toString() {
    return host;
  }
}

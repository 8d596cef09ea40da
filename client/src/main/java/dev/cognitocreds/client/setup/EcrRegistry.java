package dev.cognitocreds.client.setup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry whose password comes from ECR, checked once at the edge: a private ECR registry of any
 * partition and form ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}, {@code .dkr.ecr-fips.}, {@code
 * .amazonaws.com.cn}, the dual-stack {@code ACCOUNT.dkr-ecr.REGION.on.aws}), ECR Public ({@code
 * public.ecr.aws}), or a loopback registry ({@code 127.0.0.1:PORT}, for tests and local mirrors).
 * {@code account} and {@code region} are null where the host names none.
 */
record EcrRegistry(String account, String region, String host) {

  private static final Pattern PRIVATE =
      Pattern.compile(
          "(\\d{12})\\.dkr(?:\\.ecr|-ecr)(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\."
              + "(?:amazonaws\\.com(?:\\.cn)?|on\\.aws|on\\.amazonwebservices\\.com\\.cn"
              + "|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)");
  private static final Pattern PUBLIC =
      Pattern.compile("public\\.ecr\\.aws|ecr-public\\.aws\\.com");
  private static final Pattern LOOPBACK =
      Pattern.compile("(?:127(?:\\.\\d{1,3}){3}|localhost|\\[::1\\])(?::\\d{1,5})?");

  static EcrRegistry parse(String text) {
    String host = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    // People paste image references and URLs; the registry is the host part of either.
    host = host.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    Matcher m = PRIVATE.matcher(host);
    if (m.matches()) {
      return new EcrRegistry(m.group(1), m.group(2), host);
    }
    if (PUBLIC.matcher(host).matches()) {
      return new EcrRegistry(null, "us-east-1", host);
    }
    if (LOOPBACK.matcher(host).matches()) {
      return new EcrRegistry(null, null, host);
    }
    throw SetupException.usage(
        "'"
            + text
            + "' is not an ECR registry: expected ACCOUNT.dkr.ecr.REGION.amazonaws.com,"
            + " for example 111122223333.dkr.ecr.us-east-2.amazonaws.com (or public.ecr.aws)");
  }

  @Override
  public String toString() {
    return host;
  }
}

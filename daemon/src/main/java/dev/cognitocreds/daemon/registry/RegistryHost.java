package dev.cognitocreds.daemon.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry as the daemon serves it, parsed once from what docker, podman, skopeo or buildah send
 * (a bare host, {@code host:port}, {@code https://host/v2/}, an image reference): a private ECR
 * registry of any partition and form, ECR Public, or a loopback registry (tests, a local mirror)
 * that a profile names and whose password comes from the profile's ECR endpoint.
 */
public record RegistryHost(
    String host, Kind kind, Optional<String> region, boolean fips, boolean dualStack) {

  /** Which ECR answers for the registry. */
  public enum Kind {
    PRIVATE_ECR,
    PUBLIC_ECR,
    LOOPBACK
  }

  /** ECR Public's one region: its authorization tokens come from us-east-1 only. */
  public static final String PUBLIC_REGION = "us-east-1";

  private static final Pattern PRIVATE =
      Pattern.compile(
          "\\d{12}\\.dkr(\\.ecr|-ecr)(-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\."
              + "(?:amazonaws\\.com(?:\\.cn)?|on\\.aws|on\\.amazonwebservices\\.com\\.cn"
              + "|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)");
  private static final Pattern PUBLIC =
      Pattern.compile("public\\.ecr\\.aws|ecr-public\\.aws\\.com");
  private static final Pattern LOOPBACK =
      Pattern.compile("(?:127(?:\\.\\d{1,3}){3}|localhost|\\[::1\\])(?::\\d{1,5})?");

  /** Empty when the text names no registry this daemon can get a password for. */
  public static Optional<RegistryHost> parse(String serverUrl) {
    String host = hostOf(serverUrl);
    String withoutHttpsPort = host.endsWith(":443") ? host.substring(0, host.length() - 4) : host;
    Matcher ecr = PRIVATE.matcher(withoutHttpsPort);
    if (ecr.matches()) {
      return Optional.of(
          new RegistryHost(
              withoutHttpsPort,
              Kind.PRIVATE_ECR,
              Optional.of(ecr.group(3)),
              ecr.group(2) != null,
              "-ecr".equals(ecr.group(1))));
    }
    if (PUBLIC.matcher(withoutHttpsPort).matches()) {
      return Optional.of(
          new RegistryHost(
              withoutHttpsPort,
              Kind.PUBLIC_ECR,
              Optional.of(PUBLIC_REGION),
              false,
              withoutHttpsPort.endsWith(".aws.com")));
    }
    if (LOOPBACK.matcher(host).matches()) {
      return Optional.of(new RegistryHost(host, Kind.LOOPBACK, Optional.empty(), false, false));
    }
    return Optional.empty();
  }

  /** The host (and port) of a server URL or image reference, lower case, without scheme or path. */
  public static String hostOf(String serverUrl) {
    String text = serverUrl == null ? "" : serverUrl.trim().toLowerCase(Locale.ROOT);
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      text = text.substring(scheme + 3);
    }
    int slash = text.indexOf('/');
    if (slash >= 0) {
      text = text.substring(0, slash);
    }
    int at = text.lastIndexOf('@');
    return at >= 0 ? text.substring(at + 1) : text;
  }

  @Override
  public String toString() {
    return host;
  }
}

package dev.cognitocreds.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's routes (docs/protocol.md, "HTTP API"). A profile's routes are {@code
 * /v1/profiles/{p}/<suffix>}: the daemon registers {@link #template}s, the client and the launchers
 * fill in the profile name as one encoded path segment.
 */
public final class Routes {
  /** The one header every route but {@link #HEALTH} needs: the auth-token file's content. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  public static final String HEALTH = "/healthz";
  public static final String STATUS = "/v1/status";

  /** The default profile's container credentials. */
  public static final String DEFAULT_CREDENTIALS = "/v1/credentials";

  public static final String PROFILES = "/v1/profiles/";
  public static final String PROFILE_PARAMETER = "{p}";

  // the suffixes of a profile's routes
  public static final String CREDENTIALS = "credentials";
  public static final String CREDENTIAL_PROCESS = "credential-process";
  public static final String LOGIN = "login";

  /** {@code login/USER_SRP_AUTH} or {@code login/USER_PASSWORD_AUTH}. */
  public static final String LOGIN_WITH_FLOW = "login/{flow}";

  /** A browser sign-in: its start (the sign-in address) and its end (the callback's code). */
  public static final String LOGIN_BROWSER = "login/browser";

  public static final String LOGIN_BROWSER_CALLBACK = "login/browser/callback";

  public static final String LOGOUT = "logout";
  public static final String SIGNUP = "signup";
  public static final String SIGNUP_CONFIRM = "signup/confirm";
  public static final String SIGNUP_RESEND = "signup/resend";
  public static final String PASSWORD = "password";
  public static final String PASSWORD_RESET = "password-reset";
  public static final String PASSWORD_RESET_CONFIRM = "password-reset/confirm";

  /**
   * A registry's password in the Docker credential helper's {@code get} format; {@code ?profile=}
   * carries the caller's AWS_PROFILE.
   */
  public static final String REGISTRY_CREDENTIALS = "/v1/registries/{registry}/credentials";

  private Routes() {}

  /** {@link #REGISTRY_CREDENTIALS} for a registry host (or server URL), as one encoded segment. */
  public static String registryCredentials(String registry) {
    return "/v1/registries/" + pathSegment(registry) + "/credentials";
  }

  /** {@code /v1/profiles/{p}/<suffix>}, as the daemon's route table matches it. */
  public static String template(String suffix) {
    return PROFILES + PROFILE_PARAMETER + "/" + suffix;
  }

  /** {@code /v1/profiles/<profile>/<suffix>} with the profile as one percent-encoded segment. */
  public static String profile(String profile, String suffix) {
    return PROFILES + pathSegment(profile) + "/" + suffix;
  }

  /** Percent-encodes all but unreserved characters, byte by byte in UTF-8, as the launchers do. */
  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}

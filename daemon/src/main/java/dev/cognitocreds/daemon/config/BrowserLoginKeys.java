package dev.cognitocreds.daemon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a profile's browser sign-in keys into a {@link BrowserLogin}, naming every broken key. */
final class BrowserLoginKeys {
  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost");
  private static final Pattern CLIENT_ID_FORMAT = Pattern.compile("[\\w+\\-.:/@]{1,255}");

  private final Path file;
  private final String profile;

  BrowserLoginKeys(Path file, String profile) {
    this.file = file;
    this.profile = profile;
  }

  BrowserLogin read(Map<String, String> keys, boolean oidcOnly, List<String> problems) {
    Optional<URI> domain = webAddress(keys, ProfileValidator.DOMAIN, problems);
    Optional<URI> issuer = webAddress(keys, ProfileValidator.OIDC_ISSUER, problems);
    URI redirect = redirectUri(keys, problems);
    Optional<String> provider =
        Optional.ofNullable(keys.get(ProfileValidator.IDENTITY_PROVIDER))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    Optional<String> oidcClient =
        Optional.ofNullable(keys.get(ProfileValidator.OIDC_CLIENT_ID)).map(String::trim);
    if (oidcClient.isPresent() && !CLIENT_ID_FORMAT.matcher(oidcClient.get()).matches()) {
      problems.add(
          problem(
              ProfileValidator.OIDC_CLIENT_ID, "'" + oidcClient.get() + "' is not a client id"));
    }
    if (oidcOnly && oidcClient.isEmpty()) {
      problems.add(
          problem(
              ProfileValidator.OIDC_CLIENT_ID,
              "is missing: cognito_oidc_issuer needs the client id registered at that provider"));
    }
    if (!oidcOnly && issuer.isPresent()) {
      problems.add(
          problem(
              ProfileValidator.OIDC_ISSUER,
              "goes without cognito_user_pool_id: a user pool's federated providers are"
                  + " reached through its cognito_domain"));
    }
    boolean byDefault = false;
    String login = keys.get(ProfileValidator.LOGIN);
    if (login != null) {
      switch (login.trim()) {
        case "browser" -> byDefault = true;
        case "password" -> byDefault = false;
        default ->
            problems.add(
                problem(ProfileValidator.LOGIN, "'" + login + "' is not browser or password"));
      }
    }
    if (byDefault && domain.isEmpty() && issuer.isEmpty()) {
      problems.add(
          problem(
              ProfileValidator.LOGIN,
              "= browser needs cognito_domain (the user pool's hosted UI domain)"));
    }
    if (provider.isPresent() && domain.isEmpty()) {
      problems.add(problem(ProfileValidator.IDENTITY_PROVIDER, "needs cognito_domain"));
    }
    return new BrowserLogin(domain, redirect, provider, byDefault, issuer, oidcClient);
  }

  /**
   * An https address (http only on this machine, for a local Cognito); a bare host name means
   * https. The trailing slash is dropped: paths are appended to it.
   */
  private Optional<URI> webAddress(Map<String, String> keys, String key, List<String> problems) {
    String value = keys.get(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.trim();
    if (!text.contains("://")) {
      text = "https://" + text;
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      URI uri = new URI(text);
      boolean secure = "https".equals(uri.getScheme());
      boolean local = "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(uri.getHost());
      if ((secure || local) && uri.getHost() != null && uri.getQuery() == null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        problem(
            key,
            "'"
                + value
                + "' is not an https address like https://acme.auth.us-east-2.amazoncognito.com"));
    return Optional.empty();
  }

  private URI redirectUri(Map<String, String> keys, List<String> problems) {
    String value = keys.get(ProfileValidator.REDIRECT_URI);
    if (value == null) {
      return BrowserLogin.DEFAULT_REDIRECT_URI;
    }
    try {
      URI uri = new URI(value.trim());
      if ("http".equals(uri.getScheme())
          && "127.0.0.1".equals(uri.getHost())
          && uri.getPort() > 0
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        problem(
            ProfileValidator.REDIRECT_URI,
            "'"
                + value
                + "' is not a loopback address with a port like "
                + BrowserLogin.DEFAULT_REDIRECT_URI));
    return BrowserLogin.DEFAULT_REDIRECT_URI;
  }

  private String problem(String key, String what) {
    return file + ": profile " + profile + ": " + key + " " + what;
  }
}

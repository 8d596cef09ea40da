package dev.cognitocreds.client.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where this installation lives: the launcher tells the JVM through the system property {@code
 * cognito.creds.home} or the environment variable {@code COGNITO_CREDS_HOME}; both name the folder
 * that holds {@code bin/} and {@code share/}.
 */
record InstallLayout(Path home) {

  static final String PROPERTY = "cognito.creds.home";
  static final String ENV = "COGNITO_CREDS_HOME";

  InstallLayout {
    home = home.toAbsolutePath().normalize();
  }

  /**
   * The installation this JVM was started from: what the launcher said, else the folder that holds
   * the client's jar as {@code lib/client/*.jar}, when it also holds {@code bin/cognito-creds}.
   */
  static Optional<InstallLayout> detect(Map<String, String> env) {
    String fromProperty = System.getProperty(PROPERTY);
    String value = fromProperty != null && !fromProperty.isBlank() ? fromProperty : env.get(ENV);
    if (value != null && !value.isBlank()) {
      return Optional.of(new InstallLayout(Path.of(value)));
    }
    return fromJarLocation();
  }

  private static Optional<InstallLayout> fromJarLocation() {
    try {
      Path jar =
          Path.of(InstallLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path libClient = jar.getParent();
      Path home =
          libClient == null || libClient.getParent() == null
              ? null
              : libClient.getParent().getParent();
      if (home != null
          && Files.isRegularFile(jar)
          && Files.isExecutable(home.resolve("bin").resolve("cognito-creds"))) {
        return Optional.of(new InstallLayout(home));
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no code source (or not a file): the launcher must tell us
    }
    return Optional.empty();
  }

  static InstallLayout require(Map<String, String> env) {
    return detect(env)
        .orElseThrow(
            () ->
                new SetupException(
                    "cannot tell where cognito-creds is installed: start it through its bin/cognito-creds launcher"
                        + " (or set "
                        + ENV
                        + " to the folder that holds bin/ and share/)"));
  }

  Path client() {
    return home.resolve("bin").resolve("cognito-creds");
  }

  Path daemon() {
    return home.resolve("bin").resolve("cognito-credsd");
  }

  /**
   * Whether this installation has its own Java runtime (the archives and .deb do; the portable one
   * does not).
   */
  boolean bundlesJava() {
    return Files.isExecutable(home.resolve("runtime").resolve("bin").resolve("java"));
  }

  /**
   * The JAVA_HOME a service manager must pass to the daemon's launcher: the person's, when this
   * installation has no runtime of its own and that JAVA_HOME holds a java. A user service does not
   * see the variables of the person's shell, and without it the launcher would fall back to
   * whatever java the service manager's PATH has, if any.
   */
  Optional<Path> javaHomeForService(Map<String, String> env) {
    String javaHome = env.get("JAVA_HOME");
    if (bundlesJava() || javaHome == null || javaHome.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(javaHome).toAbsolutePath().normalize();
    return Files.isExecutable(path.resolve("bin").resolve("java"))
        ? Optional.of(path)
        : Optional.empty();
  }

  Path systemdUnitTemplate() {
    return home.resolve("share").resolve("systemd").resolve(SystemdUnit.FILE_NAME);
  }

  Path launchAgentTemplate() {
    return home.resolve("share").resolve("launchd").resolve(LaunchAgent.FILE_NAME);
  }

  static String readTemplate(Path template) {
    try {
      return Files.readString(template);
    } catch (java.io.IOException e) {
      throw new SetupException(
          "cannot read "
              + template
              + " ("
              + e.getMessage()
              + "): the installation looks incomplete, reinstall cognito-creds");
    }
  }
}

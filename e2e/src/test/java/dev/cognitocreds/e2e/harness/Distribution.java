package dev.cognitocreds.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The assembled distribution tree ({@code packaging/target/cognito-creds}) the tests run exactly as
 * a user would.
 */
public final class Distribution {

  private Distribution() {}

  public static Path root() {
    String configured = System.getProperty("cognitocreds.distribution");
    if (configured == null) {
      throw new IllegalStateException(
          "system property cognitocreds.distribution is not set (run the tests through Maven)");
    }
    Path root = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isExecutable(root.resolve("bin/cognito-creds"))
        || !Files.isExecutable(root.resolve("bin/cognito-credsd"))) {
      throw new IllegalStateException(
          "no runnable distribution at " + root + ": run ./mvnw -B package first");
    }
    return root;
  }

  public static Path publisher() {
    return root().resolve("bin/cognito-creds-publisher");
  }

  public static Path client() {
    return root().resolve("bin/cognito-creds");
  }

  public static Path daemon() {
    return root().resolve("bin/cognito-credsd");
  }
}

package dev.cognitocreds.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Maven project version, filtered into version.properties at build time. */
final class ClientVersion implements IVersionProvider {

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = ClientVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource only costs the version number
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cognito-creds " + version()};
  }
}

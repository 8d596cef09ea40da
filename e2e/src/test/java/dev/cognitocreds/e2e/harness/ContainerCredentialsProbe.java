package dev.cognitocreds.e2e.harness;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

/**
 * Runs in a child JVM: the SDK's {@link ContainerCredentialsProvider} configured only by the
 * environment variables {@code cognito-creds env} prints, exactly as an application on the user's
 * machine would be. Prints {@code accessKeyId secretAccessKey sessionToken} on one line.
 */
public final class ContainerCredentialsProbe {

  private ContainerCredentialsProbe() {}

  public static void main(String[] args) {
    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.create()) {
      AwsCredentials credentials = provider.resolveCredentials();
      String token =
          credentials instanceof AwsSessionCredentials session ? session.sessionToken() : "-";
      System.out.println(
          credentials.accessKeyId() + " " + credentials.secretAccessKey() + " " + token);
    }
  }
}

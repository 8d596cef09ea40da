import java.net.URI;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Asks ECR for a registry password with the AWS SDK for Java v2 and its default credentials chain
 * (environment, profile with credential_process, container variables). Run with the source
 * launcher against the SDK version under test: {@code java -cp SDK_JARS EcrToken.java ENDPOINT
 * REGION}; prints the authorization token, then the SDK's version.
 */
public class EcrToken {
  public static void main(String[] args) {
    try (EcrClient ecr =
        EcrClient.builder().endpointOverride(URI.create(args[0])).region(Region.of(args[1])).build()) {
      System.out.println(
          ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
      System.out.println(VersionInfo.SDK_VERSION);
    }
  }
}

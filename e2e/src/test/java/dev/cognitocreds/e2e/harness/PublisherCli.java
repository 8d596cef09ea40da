package dev.cognitocreds.e2e.harness;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/cognito-creds-publisher} with a publisher's AWS credentials, IAM and ECR at moto
 * through the SDK's standard {@code AWS_ENDPOINT_URL_<SERVICE>} settings, Cognito at local-cognito
 * through {@code --endpoint-url}.
 */
public final class PublisherCli {

  private final TempHome home;
  private final URI moto;
  private final String region;

  public PublisherCli(TempHome home, URI moto, String region) {
    this.home = home;
    this.moto = moto;
    this.region = region;
  }

  public CommandResult run(String... args) {
    return runWithEnvironment(Map.of(), args);
  }

  public CommandResult runWithEnvironment(Map<String, String> extra, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Distribution.publisher().toString());
    command.addAll(List.of(args));
    Map<String, String> environment = home.environment();
    environment.put("AWS_ACCESS_KEY_ID", "testing");
    environment.put("AWS_SECRET_ACCESS_KEY", "testing");
    environment.put("AWS_REGION", region);
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_ENDPOINT_URL_IAM", moto.toString());
    environment.put("AWS_ENDPOINT_URL_ECR", moto.toString());
    environment.putAll(extra);
    return Command.run(command, environment, null);
  }
}

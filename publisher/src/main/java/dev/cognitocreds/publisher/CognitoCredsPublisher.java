package dev.cognitocreds.publisher;

import dev.cognitocreds.publisher.cli.PublisherCommands;

/** {@code cognito-creds-publisher}: the publisher's side, with the publisher's AWS credentials. */
public final class CognitoCredsPublisher {
  private CognitoCredsPublisher() {}

  public static void main(String[] args) {
    System.exit(PublisherCommands.run(args));
  }
}

package dev.cognitocreds.client.setup;

/** What a person must know after the credHelpers entry is written. */
final class EcrHelperHint {
  static final String TEXT =
      "docker-credential-ecr-login must be on PATH (Debian/Ubuntu: apt-get install"
          + " amazon-ecr-credential-helper); it uses the profile named by AWS_PROFILE (export AWS_PROFILE=<profile>)"
          + " or [default].";

  private EcrHelperHint() {}
}

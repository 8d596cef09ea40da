package dev.cognitocreds.client.setup;

import java.util.Optional;

/** What a person must know after the credHelpers entry is written. */
final class EcrHelperHint {
  static final String TEXT =
      "docker-credential-ecr-login must be on PATH (Debian/Ubuntu: apt-get install"
          + " amazon-ecr-credential-helper); it uses the profile named by AWS_PROFILE (export AWS_PROFILE=<profile>)"
          + " or [default].";

  private EcrHelperHint() {}

  /**
   * After an entry for our own helper: which profile answers, and a warning when docker and podman
   * would not find the helper on PATH.
   */
  static String cognitoCreds(UserEnvironment env, EcrRegistry registry, String profile) {
    String program = RegistryHelper.COGNITO_CREDS.program();
    String text =
        program
            + " answers for "
            + registry
            + " with profile "
            + profile
            + " (no AWS_PROFILE needed).";
    if (ExecutableLookup.onPath(env.env().get("PATH"), program).isEmpty()) {
      Optional<InstallLayout> install = InstallLayout.detect(env.env());
      text +=
          "\nWarning: "
              + program
              + " is not on PATH, where docker and podman look for it: add "
              + install.map(i -> i.client().getParent().toString()).orElse("the installation's bin")
              + " to PATH (the .deb links it into /usr/bin).";
    }
    return text;
  }
}

package dev.cognitocreds.client.setup;

/** Which credential helper a credHelpers entry names; the entry is the program's name suffix. */
enum RegistryHelper {
  /** Ours: the daemon answers for the registry with the profile that names it. */
  COGNITO_CREDS("cognito-creds"),
  /** Amazon's docker-credential-ecr-login, through AWS_PROFILE and credential_process. */
  ECR_LOGIN("ecr-login");

  private final String entry;

  RegistryHelper(String entry) {
    this.entry = entry;
  }

  /** The value of the credHelpers entry. */
  String entry() {
    return entry;
  }

  /** The program docker and podman run, found on PATH. */
  String program() {
    return "docker-credential-" + entry;
  }

  static RegistryHelper of(String entry) {
    for (RegistryHelper helper : values()) {
      if (helper.entry.equals(entry)) {
        return helper;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return entry;
  }

  /** picocli's conversion of {@code --helper cognito-creds|ecr-login}. */
  static final class Converter implements picocli.CommandLine.ITypeConverter<RegistryHelper> {
    @Override
    public RegistryHelper convert(String value) {
      RegistryHelper helper = of(value);
      if (helper == null) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a helper: use cognito-creds or ecr-login");
      }
      return helper;
    }
  }
}

package dev.cognitocreds.daemon;

import java.util.Optional;

/** The command line of {@code cognito-credsd}. */
record DaemonOptions(int port, Optional<String> defaultProfile, Action action) {

  static final int DEFAULT_PORT = 41729;

  enum Action {
    SERVE,
    HELP,
    VERSION
  }

  static final String USAGE =
      """
            Usage: cognito-credsd [--port N] [--default-profile P]
                   cognito-credsd --help | --version

            Keeps the refresh tokens of your cognito profiles and serves fresh AWS credentials
            on 127.0.0.1 to cognito-creds, credential_process and AWS SDKs.

              --port N               port on 127.0.0.1 (default 41729; 0 picks a free port)
              --default-profile P    profile served by GET /v1/credentials
              --help                 show this help
              --version              show the version

            Environment: AWS_CONFIG_FILE (default ~/.aws/config), XDG_STATE_HOME, XDG_RUNTIME_DIR.
            """;

  static DaemonOptions parse(String... args) {
    int port = DEFAULT_PORT;
    Optional<String> defaultProfile = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        value = arg.substring(equals + 1);
        arg = arg.substring(0, equals);
      }
      switch (arg) {
        case "--help", "-h" -> {
          return new DaemonOptions(port, defaultProfile, Action.HELP);
        }
        case "--version", "-V" -> {
          return new DaemonOptions(port, defaultProfile, Action.VERSION);
        }
        case "--port" -> {
          String text = value != null ? value : next(args, ++i, arg);
          try {
            port = Integer.parseInt(text);
          } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number, not '" + text + "'");
          }
          if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
          }
        }
        case "--default-profile" ->
            defaultProfile = Optional.of(value != null ? value : next(args, ++i, arg));
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    return new DaemonOptions(port, defaultProfile, Action.SERVE);
  }

  private static String next(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  /** A command line the daemon does not understand. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}

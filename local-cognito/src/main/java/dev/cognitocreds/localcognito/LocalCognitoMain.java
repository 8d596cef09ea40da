package dev.cognitocreds.localcognito;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-cognito.jar --port N [--seed FILE] [--demo] [--credential-lifetime
 * SECONDS] [--clock-offset SECONDS]}.
 */
public final class LocalCognitoMain {
  private static final String USAGE =
      """
            Usage: java -jar local-cognito.jar [--port N] [--seed FILE] [--demo] [--credential-lifetime SECONDS]
                                               [--clock-offset SECONDS]
              --port N                 port on 127.0.0.1 (default 0: a free port)
              --seed FILE              JSON seed (pools, clients, users, identity pools); see local-cognito/README.md
              --demo                   load the bundled demo seed
              --credential-lifetime S  lifetime of identity-pool credentials in seconds (default 3600)
              --clock-offset S         run this many seconds ahead of the machine's clock (negative: behind)
            Without a seed it starts empty; provision it with CreateUserPool, CreateIdentityPool, ...""";

  private LocalCognitoMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalCognito.Builder builder = LocalCognito.builder();
    Path seedFile = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
          case "--seed" -> seedFile = Path.of(value(args, ++i));
          case "--demo" -> builder.demo();
          case "--credential-lifetime" ->
              builder.credentialLifetime(Duration.ofSeconds(Long.parseLong(value(args, ++i))));
          case "--clock-offset" ->
              builder.clock(
                  Clock.offset(
                      Clock.systemUTC(), Duration.ofSeconds(Long.parseLong(value(args, ++i)))));
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      usageError(System.err, e.getMessage());
      System.exit(2);
    }
    LocalCognito cognito;
    try {
      if (seedFile != null) {
        builder.seed(seedFile);
      }
      cognito = builder.start();
    } catch (RuntimeException e) {
      // a broken seed file or a port in use: say which, without a stack trace
      System.err.println("local-cognito: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cognito.close();
                  stopped.countDown();
                },
                "local-cognito-shutdown"));
    System.out.println("local-cognito listening on " + cognito.endpoint());
    System.out.flush();
    stopped.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usageError(PrintStream err, String message) {
    err.println("local-cognito: " + message);
    err.println(USAGE);
  }
}

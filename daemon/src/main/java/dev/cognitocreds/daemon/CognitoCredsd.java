package dev.cognitocreds.daemon;

import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.contract.Platform;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.registry.EcrAuthority;
import dev.cognitocreds.daemon.session.Upstream;
import dev.cognitocreds.daemon.store.PrivateFiles;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.SessionStores;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cognito-credsd}: parses the command line, starts the {@link Daemon}, stops it on SIGTERM.
 */
public final class CognitoCredsd {

  private CognitoCredsd() {}

  public static void main(String[] args) {
    DaemonOptions options;
    try {
      options = DaemonOptions.parse(args);
    } catch (DaemonOptions.UsageException e) {
      System.err.println("cognito-credsd: " + e.getMessage());
      System.err.print(DaemonOptions.USAGE);
      System.exit(2);
      return;
    }
    switch (options.action()) {
      case HELP -> System.out.print(DaemonOptions.USAGE);
      case VERSION -> System.out.println("cognito-credsd " + Version.current());
      case SERVE -> {
        if (!serve(options)) {
          System.exit(1);
        }
      }
    }
  }

  /**
   * Starts serving; Jetty's threads keep the process alive until SIGTERM runs the shutdown hook.
   */
  private static boolean serve(DaemonOptions options) {
    Logger log = LoggerFactory.getLogger(CognitoCredsd.class);
    Map<String, String> env = System.getenv();
    FileLocations paths = FileLocations.ofSystem();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    UpstreamClients clients = new UpstreamClients();
    BrowserSignIn browser = new BrowserSignIn(clock, random);
    Upstream upstream =
        new Upstream(
            new UserPool(clients::userPool, clock, random),
            new UserPoolTokens(clients::userPool, browser),
            new IdentityPool(clients::identityPool, clock),
            new UserPoolAccounts(clients::userPool),
            new EcrAuthority(clients::ecr, clients.http(), env),
            browser);
    Daemon daemon;
    try {
      PrivateFiles.directory(paths.sessionsDir());
      SessionStore store =
          SessionStores.open(paths.sessionsDir(), env, Platform.currentOsName(), clock);
      daemon = Daemon.start(options, paths, store, upstream, clock, random);
    } catch (IOException e) {
      log.error(
          "cannot write the daemon's files under {} and {}: {}",
          paths.stateDir(),
          paths.runtimeDir(),
          e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.error(
          "cannot listen on 127.0.0.1:{}: {}{}",
          options.port(),
          rootMessage(e),
          options.port() == 0 ? "" : " (is another cognito-credsd running? see --port)");
      return false;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down");
                  daemon.close();
                  clients.close();
                },
                "shutdown"));
    return true;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}

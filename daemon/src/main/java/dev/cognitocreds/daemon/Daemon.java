package dev.cognitocreds.daemon;

import dev.cognitocreds.contract.FileLocations;
import dev.cognitocreds.daemon.account.AccountService;
import dev.cognitocreds.daemon.account.Accounts;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.config.CatalogLookAhead;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.http.ApiServer;
import dev.cognitocreds.daemon.session.RefreshTiming;
import dev.cognitocreds.daemon.session.SessionManager;
import dev.cognitocreds.daemon.session.Upstream;
import dev.cognitocreds.daemon.store.AuthTokenFile;
import dev.cognitocreds.daemon.store.PrivateFiles;
import dev.cognitocreds.daemon.store.SessionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running daemon: its files, its sessions and its HTTP server, stopped together. */
final class Daemon implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration COGNITO_SESSION_LIFETIME = Duration.ofMinutes(3);

  /**
   * An edit of the AWS config file is seen within this long (half of it, while the look-ahead
   * runs); the hot path does no stat in between.
   */
  private static final Duration CONFIG_RECHECK = Duration.ofSeconds(1);

  private final ApiServer server;
  private final ScheduledExecutorService background;
  private final CatalogLookAhead lookAhead;
  private final Path endpoint;

  private Daemon(
      ApiServer server,
      ScheduledExecutorService background,
      CatalogLookAhead lookAhead,
      Path endpoint) {
    this.server = server;
    this.background = background;
    this.lookAhead = lookAhead;
    this.endpoint = endpoint;
  }

  /** Listens, then writes the endpoint file, so a reader of that file always finds a daemon. */
  static Daemon start(
      DaemonOptions options,
      FileLocations paths,
      SessionStore store,
      Upstream upstream,
      Clock clock,
      SecureRandom random)
      throws IOException {
    String token = AuthTokenFile.readOrCreate(paths.tokenFile(), random);
    PrivateFiles.directory(paths.sessionsDir());
    ScheduledExecutorService background =
        Executors.newScheduledThreadPool(2, DaemonThreads.named("refresh-ahead"));
    ProfileCatalog catalog = new ProfileCatalog(paths.configFile(), clock, CONFIG_RECHECK);
    SessionManager sessions =
        new SessionManager(
            catalog,
            options.defaultProfile(),
            upstream,
            store,
            new SignInConversations(clock, COGNITO_SESSION_LIFETIME, random),
            clock,
            new RefreshTiming(() -> ThreadLocalRandom.current().nextDouble()),
            background);
    CatalogLookAhead lookAhead = CatalogLookAhead.start(catalog, CONFIG_RECHECK);
    ApiServer server;
    try {
      Accounts accounts =
          new AccountService(
              name -> catalog.current().require(name), sessions::accessToken, upstream.accounts());
      server =
          ApiServer.start(
              options.port(), token, sessions, accounts, Version.current(), paths.configFile());
    } catch (RuntimeException e) {
      lookAhead.close();
      background.shutdownNow();
      throw e;
    }
    Path endpoint = paths.endpointFile();
    try {
      PrivateFiles.write(
          endpoint,
          ("http://127.0.0.1:" + server.port() + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      server.close();
      lookAhead.close();
      background.shutdownNow();
      throw e;
    }
    log.info(
        "cognito-credsd {} serving on http://127.0.0.1:{} (config {}, endpoint file {})",
        Version.current(),
        server.port(),
        paths.configFile(),
        endpoint);
    return new Daemon(server, background, lookAhead, endpoint);
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(endpoint);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", endpoint, e.getMessage());
    }
    server.close();
    lookAhead.close();
    background.shutdownNow();
  }
}

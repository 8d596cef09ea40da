package dev.cognitocreds.daemon.http;

import dev.cognitocreds.contract.Routes;
import dev.cognitocreds.daemon.account.Accounts;
import dev.cognitocreds.daemon.session.Sessions;
import java.nio.file.Path;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP interface on 127.0.0.1: Jetty 12's core server with one handler, {@link
 * ApiHandler}.
 *
 * <p>Plain Jetty rather than Javalin, which the design table names, for memory and throughput:
 * Javalin brings the servlet container, websocket, sessions and Kotlin, about 1,100 classes that
 * sit in memory at idle, and a thread hand-off per request. Measured with bench/run.sh (2 cores;
 * cached route vs nginx with wrk -t2 -c16, idle RSS after sign-in): on Javalin 79k req/s = 0.36x
 * nginx, 92 MiB; Jetty core with this handler on the selector thread 90k, and 74 MiB without data
 * binding and Jetty's JMX probe (~4,900 classes instead of ~6,200); with the launcher's C2 settings
 * (see its comment) 112-117k = 0.57x nginx, p99 4 ms, 73-81 MiB.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  static final String LOOPBACK = "127.0.0.1";

  /**
   * Every answer is a few hundred bytes: Jetty's 32 KiB default buffers per connection only cost
   * memory.
   */
  private static final int RESPONSE_BUFFER_BYTES = 4096;

  /**
   * Jetty pads its hot counters to a cache line and asks the JVM (over JMX) whether references are
   * compressed to size that padding; the answer is known (64-byte lines, 4-byte references: the
   * launcher sets -XX:+UseCompressedOops and the heap is far below 32 GiB), and asking loads the
   * whole JMX platform, about 190 classes that would stay in memory for nothing.
   */
  private static final String REFERENCES_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";

  static {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final ConnectionGuard guard;

  private ApiServer(Server server, ServerConnector connector, ConnectionGuard guard) {
    this.server = server;
    this.connector = connector;
    this.guard = guard;
  }

  /**
   * Binds 127.0.0.1:{@code port} ({@code 0} picks a free port) and serves; {@code token} is the
   * content of the auth-token file.
   */
  public static ApiServer start(
      int port, String token, Sessions sessions, String version, Path configFile) {
    return start(port, token, sessions, null, version, configFile);
  }

  /**
   * As above, with the account routes (sign-up, password change and reset) when {@code accounts} is
   * not null.
   */
  public static ApiServer start(
      int port,
      String token,
      Sessions sessions,
      Accounts accounts,
      String version,
      Path configFile) {
    return start(port, token, sessions, accounts, version, configFile, ConnectionLimits.DEFAULTS);
  }

  /** As above, with other connection limits than the defaults (the tests' short timeouts). */
  public static ApiServer start(
      int port,
      String token,
      Sessions sessions,
      Accounts accounts,
      String version,
      Path configFile,
      ConnectionLimits limits) {
    QueuedThreadPool pool = threadPool();
    Server server = new Server(pool);
    ServerConnector connector = connector(server, port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    ConnectionGuard guard = new ConnectionGuard(limits, connector.getScheduler());
    connector.addEventListener(guard);
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrorHandler());
    ApiRoutes routes = new ApiRoutes(sessions, version, configFile, connector::getLocalPort);
    Workers workers = new Workers(pool, new Failures());
    server.setHandler(
        new ApiHandler(
            new RequestGuard(token, connector::getLocalPort),
            new CredentialFastPath(routes, workers),
            routeTable(routes, accounts),
            workers));
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      throw e instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getMessage(), e);
    }
    log.info("listening on http://{}:{}", LOOPBACK, connector.getLocalPort());
    return new ApiServer(server, connector, guard);
  }

  /**
   * The routes that may wait for Cognito or the store; the credential routes are {@link
   * CredentialFastPath}'s.
   */
  private static RouteTable routeTable(ApiRoutes routes, Accounts accounts) {
    RouteTable table =
        new RouteTable()
            .add("GET", RequestGuard.HEALTH_PATH, routes::health)
            .add("POST", Routes.template(Routes.LOGIN), routes::login)
            .add("POST", Routes.template(Routes.LOGIN_BROWSER), routes::browserLogin)
            .add("POST", Routes.template(Routes.LOGIN_BROWSER_CALLBACK), routes::browserCallback)
            .add("POST", Routes.template(Routes.LOGIN_WITH_FLOW), routes::loginWithFlow)
            .add("POST", Routes.template(Routes.LOGOUT), routes::logout)
            .add("GET", Routes.STATUS, routes::status)
            // docker, podman and skopeo start the helper for every image they open: a password in
            // memory is answered without a hand-off to a worker, like the credential routes
            .add(
                "GET",
                Routes.REGISTRY_CREDENTIALS,
                routes::registryCredentials,
                routes::registryCredentialsWithoutWaiting);
    if (accounts != null) {
      AccountRoutes chores = new AccountRoutes(accounts);
      table
          .add("POST", Routes.template(Routes.SIGNUP), chores::signUp)
          .add("POST", Routes.template(Routes.SIGNUP_CONFIRM), chores::confirmSignUp)
          .add("POST", Routes.template(Routes.SIGNUP_RESEND), chores::resendConfirmationCode)
          .add("POST", Routes.template(Routes.PASSWORD), chores::changePassword)
          .add("POST", Routes.template(Routes.PASSWORD_RESET), chores::forgotPassword)
          .add(
              "POST",
              Routes.template(Routes.PASSWORD_RESET_CONFIRM),
              chores::confirmForgotPassword);
    }
    return table;
  }

  /**
   * Few idle threads (an idle daemon should be small), room for bursts of callers waiting for
   * Cognito; no reserved threads: the hot path never leaves the selector thread.
   */
  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(250, 2, 60_000);
    pool.setName("http");
    pool.setReservedThreads(0);
    return pool;
  }

  /**
   * No acceptor thread (the selector accepts: connections are few and long-lived), one selector (a
   * second one measured no better on 2 cores, within the noise, and costs a thread), and nothing
   * per answer that a local caller does not need: no Date header, no server version.
   */
  private static ServerConnector connector(Server server, int port) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendDateHeader(false);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setOutputBufferSize(RESPONSE_BUFFER_BYTES);
    // A profile may be named team/dev (the AWS config file allows it): its routes carry %2F, which
    // the
    // handler decodes per segment after matching, so an encoded separator is no ambiguity here.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "encoded path separators", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
    connector.setHost(LOOPBACK);
    connector.setPort(port);
    return connector;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Connections open now. */
  int openConnections() {
    return guard.openConnections();
  }

  @Override
  public void close() {
    stop(server);
  }

  private static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.getMessage());
    }
  }
}

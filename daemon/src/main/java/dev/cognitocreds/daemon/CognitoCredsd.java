package dev.cognitocreds.daemon;

import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.http.ApiServer;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.session.RefreshTiming;
import dev.cognitocreds.daemon.session.SessionManager;
import dev.cognitocreds.daemon.session.Upstream;
import dev.cognitocreds.daemon.store.AuthTokenFile;
import dev.cognitocreds.daemon.store.FileSessionStore;
import dev.cognitocreds.daemon.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

/** {@code cognito-credsd}: wires the layers together, serves, and cleans up on SIGTERM. */
public final class CognitoCredsd {

    private static final Duration COGNITO_SESSION_LIFETIME = Duration.ofMinutes(3);

    private CognitoCredsd() {
    }

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
                int failed = serve(options);
                if (failed != 0) {
                    System.exit(failed);
                }
            }
        }
    }

    /** Starts serving; returns 0 once listening, or the exit code of a failed start. */
    private static int serve(DaemonOptions options) {
        Logger log = LoggerFactory.getLogger(CognitoCredsd.class);
        DaemonPaths paths = DaemonPaths.from(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "refresh-ahead");
            thread.setDaemon(true);
            return thread;
        });
        UpstreamClients clients = new UpstreamClients();
        ApiServer server;
        try {
            String token = AuthTokenFile.readOrCreate(paths.tokenFile(), random);
            PrivateFiles.directory(paths.sessionsDir());
            SessionManager sessions = new SessionManager(new ProfileCatalog(paths.configFile()),
                    options.defaultProfile(),
                    new Upstream(new UserPool(clients::userPool, clock, random), new IdentityPool(clients::identityPool)),
                    new FileSessionStore(paths.sessionsDir()),
                    new SignInConversations(clock, COGNITO_SESSION_LIFETIME, random),
                    clock, new RefreshTiming(() -> ThreadLocalRandom.current().nextDouble()), background);
            server = ApiServer.start(options.port(), token, sessions, Version.current(), paths.configFile());
        } catch (IOException e) {
            log.error("cannot prepare the daemon's files: {}", e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            log.error("cannot start on 127.0.0.1:{}: {}{}", options.port(), rootMessage(e),
                    options.port() == 0 ? "" : " (is another cognito-credsd running? try --port)");
            return 1;
        }
        Path endpoint = paths.endpointFile();
        try {
            PrivateFiles.write(endpoint, ("http://127.0.0.1:" + server.port() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            log.error("cannot write the endpoint file {}: {}", endpoint, e.getMessage());
            server.close();
            return 1;
        }
        log.info("cognito-credsd {} serving on http://127.0.0.1:{} (config {}, endpoint file {})", Version.current(),
                server.port(), paths.configFile(), endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            try {
                Files.deleteIfExists(endpoint);
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", endpoint, e.getMessage());
            }
            server.close();
            background.shutdownNow();
            clients.close();
        }, "shutdown"));
        // Jetty's threads keep the process alive from here on
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
